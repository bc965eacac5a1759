// A real MCP client (the TypeScript SDK pinned in package.json) that the Java tests drive:
//   node mcp-client.mjs <url> '<steps as JSON>'      (MCP_TOKEN in the environment: the bearer token)
// Each step is {"op": "listTools" | "callTool" | "listPrompts" | "getPrompt" | "listResources" |
// "readResource" | "listResourceTemplates" | "ping" | "complete", ...its params}; a callTool step with
// "progress": true asks for progress and answers the notifications it got as result.progressNotifications;
// one with "cancelAfterMs": N cancels the call after N ms. Prints one JSON object:
// the negotiated protocol version, the server's info and capabilities, the session id, and each step's
// {"ok": result} or {"error": message, "code": code}.
// MCP_CLIENT_ANSWERS=1 declares sampling and elicitation and answers the server's requests: sampling with
// "sampled: <the first message's text>", elicitation by accepting {"name": "ccos"}; each request the client
// was asked is in "asked" ({method, params}), and each log message the server sent in "logs".
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { CreateMessageRequestSchema, ElicitRequestSchema, LoggingMessageNotificationSchema } from "@modelcontextprotocol/sdk/types.js";

const [url, stepsJson] = process.argv.slice(2);
const steps = JSON.parse(stepsJson ?? "[]");
const headers = process.env.MCP_TOKEN ? { Authorization: `Bearer ${process.env.MCP_TOKEN}` } : {};
const transport = new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } });
const answers = process.env.MCP_CLIENT_ANSWERS === "1";
const client = new Client({ name: "ccos-test-client", version: "1.0.0" },
  answers ? { capabilities: { sampling: {}, elicitation: { form: {} } } } : undefined);

const out = { results: [], asked: [], logs: [] };
if (answers) {
  client.setRequestHandler(CreateMessageRequestSchema, async (request) => {
    out.asked.push({ method: request.method, params: request.params });
    const first = request.params.messages[0]?.content;
    return { role: "assistant", model: "ccos-test-model", stopReason: "endTurn",
      content: { type: "text", text: `sampled: ${first?.text ?? ""}` } };
  });
  client.setRequestHandler(ElicitRequestSchema, async (request) => {
    out.asked.push({ method: request.method, params: request.params });
    return { action: "accept", content: { name: "ccos" } };
  });
}
client.setNotificationHandler(LoggingMessageNotificationSchema, (notification) => out.logs.push(notification.params));
try {
  await client.connect(transport);
  out.protocolVersion = transport.protocolVersion ?? null;
  out.sessionId = transport.sessionId ?? null;
  out.serverVersion = client.getServerVersion() ?? null;
  out.capabilities = client.getServerCapabilities() ?? null;
  for (const step of steps) {
    const { op, ...params } = step;
    try {
      let result;
      switch (op) {
        case "listTools": result = await client.listTools(params); break;
        case "callTool": {
          // {"op": "callTool", "progress": true, ...}: the SDK asks for progress and records each notification.
          const { progress, cancelAfterMs, ...call } = params;
          if (cancelAfterMs) {
            // The SDK sends notifications/cancelled for the request when the signal aborts, and rejects.
            const abort = new AbortController();
            setTimeout(() => abort.abort("the test cancels"), cancelAfterMs);
            result = await client.callTool(call, undefined, { signal: abort.signal });
          } else if (progress) {
            const notifications = [];
            result = await client.callTool(call, undefined, { onprogress: (p) => notifications.push(p) });
            result = { ...result, progressNotifications: notifications };
          } else {
            result = await client.callTool(call);
          }
          break;
        }
        case "listPrompts": result = await client.listPrompts(params); break;
        case "getPrompt": result = await client.getPrompt(params); break;
        case "listResources": result = await client.listResources(params); break;
        case "listResourceTemplates": result = await client.listResourceTemplates(params); break;
        case "readResource": result = await client.readResource(params); break;
        case "complete": result = await client.complete(params); break;
        case "ping": result = await client.ping(); break;
        default: throw new Error(`unknown step ${op}`);
      }
      out.results.push({ ok: result });
    } catch (e) {
      out.results.push({ error: String(e?.message ?? e), code: e?.code ?? null });
    }
  }
  await transport.close();
} catch (e) {
  out.connectError = String(e?.message ?? e);
}
console.log(JSON.stringify(out));
