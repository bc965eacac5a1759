// An MCP server with every fixture the MCP conformance suite's server scenarios call (tools, resources,
// prompts, completion, logging, progress, sampling, elicitation, SSE polling), built on the TypeScript SDK
// pinned in package.json: the "conformant upstream" the ccos tests put behind the gateway.
//   node conformance-server.mjs [--port N]   Streamable HTTP on http://127.0.0.1:N/mcp (N = 0, the default,
//                                             picks a free port); prints
//                                             "conformance-server listening on http://127.0.0.1:PORT/mcp"
//   node conformance-server.mjs --stdio      the same fixtures over stdin/stdout, one session
// Over HTTP each session (Mcp-Session-Id) gets its own McpServer and transport, and ends with a DELETE.
// Requests are answered on SSE streams (notifications and responses with 202 and no body), plus the
// session's GET stream; every event gets an id from an in-memory store, so a client that lost a stream
// resumes it with Last-Event-ID. Requests whose Host or Origin is not localhost are refused (403).
// zod is the SDK's required peer dependency, installed with it.
import http from "node:http";
import { randomUUID } from "node:crypto";
import { parseArgs } from "node:util";
import * as z from "zod";
import { McpServer, ResourceTemplate } from "@modelcontextprotocol/sdk/server/mcp.js";
import { completable } from "@modelcontextprotocol/sdk/server/completable.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import {
  ErrorCode,
  McpError,
  SetLevelRequestSchema,
  SubscribeRequestSchema,
  UnsubscribeRequestSchema,
  isInitializeRequest,
} from "@modelcontextprotocol/sdk/types.js";

// A 1x1 red pixel PNG.
const RED_PIXEL_PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC";
const SILENT_WAV = silentWav();
// The reconnection delay the server suggests in each stream's priming event (the SSE retry field).
const RETRY_MS = 500;
const LOG_LEVELS = ["debug", "info", "notice", "warning", "error", "critical", "alert", "emergency"];

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const text = (value) => ({ type: "text", text: value });
const image = () => ({ type: "image", data: RED_PIXEL_PNG, mimeType: "image/png" });

// 0.1 s of silence as 8 kHz mono 8-bit PCM: the smallest WAV a client can decode.
function silentWav() {
  const samples = Buffer.alloc(800, 0x80);
  const header = Buffer.alloc(44);
  header.write("RIFF", 0);
  header.writeUInt32LE(36 + samples.length, 4);
  header.write("WAVEfmt ", 8);
  header.writeUInt32LE(16, 16); // fmt chunk size
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // channels
  header.writeUInt32LE(8000, 24); // sample rate
  header.writeUInt32LE(8000, 28); // byte rate
  header.writeUInt16LE(1, 32); // block align
  header.writeUInt16LE(8, 34); // bits per sample
  header.write("data", 36);
  header.writeUInt32LE(samples.length, 40);
  return Buffer.concat([header, samples]).toString("base64");
}

// One server per session: the logging level a client sets belongs to its session only.
function createFixtureServer() {
  const mcp = new McpServer(
    { name: "ccos-conformance-server", version: "1.0.0" },
    { capabilities: { logging: {}, resources: { subscribe: true } } },
  );
  registerContentTools(mcp);
  registerNotifyingTools(mcp);
  registerClientRequestTools(mcp);
  registerJsonSchema2020Tool(mcp);
  registerReconnectionTool(mcp);
  registerListChangingTools(mcp);
  registerResources(mcp);
  registerPrompts(mcp);
  return mcp;
}

// Tools answering with each kind of content, and one that fails. (McpServer calls a tool declared without
// an inputSchema with the request's extra only, and one with an inputSchema with (args, extra).)
function registerContentTools(mcp) {
  mcp.registerTool("test_simple_text", { description: "Returns a simple text response" }, () => ({
    content: [text("This is a simple text response for testing.")],
  }));
  mcp.registerTool("test_image_content", { description: "Returns a 1x1 red PNG image" }, () => ({
    content: [image()],
  }));
  mcp.registerTool("test_audio_content", { description: "Returns a short silent WAV clip" }, () => ({
    content: [{ type: "audio", data: SILENT_WAV, mimeType: "audio/wav" }],
  }));
  mcp.registerTool("test_embedded_resource", { description: "Returns an embedded text resource" }, () => ({
    content: [{
      type: "resource",
      resource: { uri: "test://embedded-resource", mimeType: "text/plain", text: "This is an embedded resource content." },
    }],
  }));
  mcp.registerTool("test_multiple_content_types", { description: "Returns text, image and resource content" }, () => ({
    content: [
      text("Multiple content types test:"),
      image(),
      {
        type: "resource",
        resource: { uri: "test://mixed-content-resource", mimeType: "application/json", text: '{"test":"data","value":123}' },
      },
    ],
  }));
  // The SDK answers a tool that throws with a result marked isError carrying the message.
  mcp.registerTool("test_error_handling", { description: "Always fails with a tool error" }, () => {
    throw new Error("This tool intentionally returns an error for testing");
  });
}

// Tools that send notifications on their request's stream while they run: log messages and progress.
function registerNotifyingTools(mcp) {
  // The SDK's own logging/setLevel handler only filters what it sends on the session's standalone GET
  // stream; these messages belong to the tool call's stream, so the level is kept and applied here.
  let minimumLevel = "debug";
  mcp.server.setRequestHandler(SetLevelRequestSchema, (request) => {
    minimumLevel = request.params.level;
    return {};
  });
  const log = (extra, level, data) =>
    LOG_LEVELS.indexOf(level) >= LOG_LEVELS.indexOf(minimumLevel)
      ? extra.sendNotification({ method: "notifications/message", params: { level, logger: "conformance-server", data } })
      : Promise.resolve();

  mcp.registerTool("test_tool_with_logging", { description: "Sends three info log messages while it runs" }, async (extra) => {
    await log(extra, "info", "Tool execution started");
    await sleep(50);
    await log(extra, "info", "Tool processing data");
    await sleep(50);
    await log(extra, "info", "Tool execution completed");
    return { content: [text("Tool with logging executed successfully")] };
  });

  mcp.registerTool("test_tool_with_progress", { description: "Reports progress 0, 50 and 100 of 100" }, async (extra) => {
    const progressToken = extra._meta?.progressToken;
    for (const progress of [0, 50, 100]) {
      if (progressToken !== undefined) {
        await extra.sendNotification({ method: "notifications/progress", params: { progressToken, progress, total: 100 } });
      }
      if (progress < 100) await sleep(50);
    }
    return { content: [text("Tool with progress executed successfully")] };
  });
}

// Tools that ask the client something (sampling, elicitation) before they answer. Each request names the
// tool call it belongs to, so over HTTP it travels on that call's stream rather than the GET stream. The
// SDK refuses to send one the client has no capability for; the tool then answers with a tool error.
function registerClientRequestTools(mcp) {
  const askingFor = (extra) => ({ relatedRequestId: extra.requestId });

  mcp.registerTool(
    "test_sampling",
    { description: "Asks the client's LLM to answer a prompt", inputSchema: { prompt: z.string().describe("The prompt to send to the LLM") } },
    async ({ prompt }, extra) => {
      const result = await mcp.server.createMessage(
        { messages: [{ role: "user", content: text(prompt) }], maxTokens: 100 },
        askingFor(extra),
      );
      const answer = [result.content].flat().find((c) => c.type === "text")?.text ?? JSON.stringify(result.content);
      return { content: [text(`LLM response: ${answer}`)] };
    },
  );

  // SEP-2575: a tool that cannot run without the client's sampling; a client that did not declare it is
  // refused with -32021 (through the gateway, by the gateway, which knows a stateless client's capabilities).
  mcp.registerTool("test_missing_capability", { description: "Needs the client's sampling capability" }, async (extra) => {
    const result = await mcp.server.createMessage({ messages: [{ role: "user", content: text("ping") }], maxTokens: 10 }, askingFor(extra));
    return { content: [text(`Sampled: ${[result.content].flat().find((c) => c.type === "text")?.text ?? ""}`)] };
  });

  mcp.registerTool(
    "test_elicitation",
    { description: "Asks the user for a username and email", inputSchema: { message: z.string().describe("The message to show the user") } },
    async ({ message }, extra) => {
      const result = await mcp.server.elicitInput(
        {
          message,
          requestedSchema: {
            type: "object",
            properties: {
              username: { type: "string", description: "User's response" },
              email: { type: "string", description: "User's email address" },
            },
            required: ["username", "email"],
          },
        },
        askingFor(extra),
      );
      return { content: [text(`User response: action=${result.action}, content=${JSON.stringify(result.content ?? {})}`)] };
    },
  );

  // SEP-1034: every primitive field kind carries a default.
  mcp.registerTool(
    "test_elicitation_sep1034_defaults",
    { description: "Elicits a form whose fields all have default values" },
    async (extra) => elicitationCompleted(await mcp.server.elicitInput(
      {
        message: "Please review and update the form fields with defaults",
        requestedSchema: {
          type: "object",
          properties: {
            name: { type: "string", description: "User name", default: "John Doe" },
            age: { type: "integer", description: "User age", default: 30 },
            score: { type: "number", description: "User score", default: 95.5 },
            status: { type: "string", description: "User status", enum: ["active", "inactive", "pending"], default: "active" },
            verified: { type: "boolean", description: "Verification status", default: true },
          },
        },
      },
      askingFor(extra),
    )),
  );

  // SEP-1330: the five enum forms, single and multi select, with and without titles, and the legacy enumNames.
  mcp.registerTool(
    "test_elicitation_sep1330_enums",
    { description: "Elicits a form with every enum schema variant" },
    async (extra) => elicitationCompleted(await mcp.server.elicitInput(
      {
        message: "Please choose from the options",
        requestedSchema: {
          type: "object",
          properties: {
            untitledSingle: { type: "string", enum: ["option1", "option2", "option3"] },
            titledSingle: {
              type: "string",
              oneOf: [
                { const: "value1", title: "First Option" },
                { const: "value2", title: "Second Option" },
                { const: "value3", title: "Third Option" },
              ],
            },
            legacyEnum: { type: "string", enum: ["opt1", "opt2", "opt3"], enumNames: ["Option One", "Option Two", "Option Three"] },
            untitledMulti: { type: "array", items: { type: "string", enum: ["option1", "option2", "option3"] } },
            titledMulti: {
              type: "array",
              items: {
                anyOf: [
                  { const: "value1", title: "First Choice" },
                  { const: "value2", title: "Second Choice" },
                  { const: "value3", title: "Third Choice" },
                ],
              },
            },
          },
        },
      },
      askingFor(extra),
    )),
  );
}

function elicitationCompleted(result) {
  return { content: [text(`Elicitation completed: action=${result.action}, content=${JSON.stringify(result.content ?? {})}`)] };
}

// SEP-1613 and SEP-2106: a tool whose inputSchema uses JSON Schema 2020-12 ($schema, $defs with an $anchor,
// $ref, allOf/anyOf, if/then/else, additionalProperties). McpServer publishes a Zod schema as draft-07 JSON
// Schema; Zod copies .meta() into that output verbatim, which is how these keywords reach tools/list
// unchanged. The refinement makes the server itself enforce what allOf and if/then/else say.
function registerJsonSchema2020Tool(mcp) {
  const inputSchema = z
    .strictObject({
      name: z.string().optional(),
      address: z.any().optional().meta({ $ref: "#/$defs/address" }),
      contactMethod: z.enum(["phone", "email"]).optional(),
      phone: z.string().optional(),
      email: z.string().optional(),
    })
    .refine((args) => (args.contactMethod === "phone" ? args.phone : args.email) !== undefined, {
      message: "phone is required when contactMethod is phone, email otherwise",
    })
    .meta({
      $schema: "https://json-schema.org/draft/2020-12/schema",
      $defs: {
        address: { $anchor: "addressDef", type: "object", properties: { street: { type: "string" }, city: { type: "string" } } },
      },
      allOf: [{ anyOf: [{ required: ["phone"] }, { required: ["email"] }] }],
      if: { properties: { contactMethod: { const: "phone" } }, required: ["contactMethod"] },
      then: { required: ["phone"] },
      else: { required: ["email"] },
    });
  mcp.registerTool("json_schema_2020_12_tool", { description: "Tool with JSON Schema 2020-12 features", inputSchema }, (args) => ({
    content: [text(`Received: ${JSON.stringify(args)}`)],
  }));
}

// SEP-1699: the tool closes its call's SSE stream before answering; the client reconnects with GET and
// Last-Event-ID and the stored answer is replayed. The SDK offers closeSSEStream only when the stream is
// resumable (an event store, and a client on protocol 2025-11-25 or later); otherwise the tool answers on
// the open stream.
function registerReconnectionTool(mcp) {
  mcp.registerTool("test_reconnection", { description: "Closes its SSE stream mid-call, then answers" }, async (extra) => {
    extra.closeSSEStream?.();
    await sleep(100);
    return { content: [text("Reconnection test completed successfully")] };
  });
}

// SEP-2575's subscription scenarios change the lists on demand: each call adds a tool (or a prompt), and
// McpServer tells the session's client notifications/tools/list_changed (prompts/list_changed) on its own.
function registerListChangingTools(mcp) {
  let tools = 0;
  let prompts = 0;
  mcp.registerTool("test_trigger_tool_change", { description: "Adds a tool, so that the tool list changes" }, () => {
    tools += 1;
    const name = `test_added_tool_${tools}`;
    mcp.registerTool(name, { description: "Added by test_trigger_tool_change" }, () => ({ content: [text(name)] }));
    return { content: [text(`Added ${name}`)] };
  });
  mcp.registerTool("test_trigger_prompt_change", { description: "Adds a prompt, so that the prompt list changes" }, () => {
    prompts += 1;
    const name = `test_added_prompt_${prompts}`;
    mcp.registerPrompt(name, { description: "Added by test_trigger_prompt_change" }, () => ({
      messages: [{ role: "user", content: text(name) }],
    }));
    return { content: [text(`Added ${name}`)] };
  });
}

const STATIC_RESOURCES = [
  { uri: "test://static-text", name: "static-text", description: "A static text resource", mimeType: "text/plain", text: "This is the content of the static text resource." },
  { uri: "test://static-binary", name: "static-binary", description: "A static binary resource (a 1x1 PNG)", mimeType: "image/png", blob: RED_PIXEL_PNG },
  { uri: "test://watched-resource", name: "watched-resource", description: "A resource clients can subscribe to", mimeType: "text/plain", text: "Watched resource content" },
];

function registerResources(mcp) {
  for (const { uri, name, description, mimeType, ...body } of STATIC_RESOURCES) {
    mcp.registerResource(name, uri, { description, mimeType }, () => ({ contents: [{ uri, mimeType, ...body }] }));
  }
  mcp.registerResource(
    "template-data",
    new ResourceTemplate("test://template/{id}/data", { list: undefined }),
    { description: "Data for the id in the URI", mimeType: "application/json" },
    (uri, { id }) => ({
      contents: [{ uri: uri.href, mimeType: "application/json", text: JSON.stringify({ id, templateTest: true, data: `Data for ID: ${id}` }) }],
    }),
  );
  // McpServer has no subscription handlers of its own. These resources never change, so there is never a
  // notifications/resources/updated to send: a subscription to a known resource is only acknowledged.
  const acknowledge = (request) => {
    if (!STATIC_RESOURCES.some((r) => r.uri === request.params.uri)) {
      throw new McpError(ErrorCode.InvalidParams, `Resource ${request.params.uri} not found`);
    }
    return {};
  };
  mcp.server.setRequestHandler(SubscribeRequestSchema, acknowledge);
  mcp.server.setRequestHandler(UnsubscribeRequestSchema, acknowledge);
}

function registerPrompts(mcp) {
  mcp.registerPrompt("test_simple_prompt", { description: "A simple prompt without arguments" }, () => ({
    messages: [{ role: "user", content: text("This is a simple prompt for testing.") }],
  }));
  // arg1 is completable, which also makes McpServer declare the completions capability.
  const suggestions = ["paris", "park", "party"];
  mcp.registerPrompt(
    "test_prompt_with_arguments",
    {
      description: "A prompt with two required arguments",
      argsSchema: {
        arg1: completable(z.string().describe("First test argument"), (value) => suggestions.filter((s) => s.startsWith(value))),
        arg2: z.string().describe("Second test argument"),
      },
    },
    ({ arg1, arg2 }) => ({ messages: [{ role: "user", content: text(`Prompt with arguments: arg1='${arg1}', arg2='${arg2}'`) }] }),
  );
  mcp.registerPrompt(
    "test_prompt_with_embedded_resource",
    { description: "A prompt embedding the resource it is given", argsSchema: { resourceUri: z.string().describe("URI of the resource to embed") } },
    ({ resourceUri }) => ({
      messages: [
        { role: "user", content: { type: "resource", resource: { uri: resourceUri, mimeType: "text/plain", text: "Embedded resource content for testing." } } },
        { role: "user", content: text("Please process the embedded resource above.") },
      ],
    }),
  );
  mcp.registerPrompt("test_prompt_with_image", { description: "A prompt with an image" }, () => ({
    messages: [
      { role: "user", content: image() },
      { role: "user", content: text("Please analyze the image above.") },
    ],
  }));
}

// Resumability: every event the transport sends is kept for the session's lifetime. The SDK asks
// getStreamIdForEventId first and answers an unknown Last-Event-ID itself, so a replay's id is known.
class MemoryEventStore {
  #events = new Map(); // event id -> { streamId, message }, in the order they were sent
  #sequence = 0;

  async storeEvent(streamId, message) {
    const eventId = `${streamId}:${++this.#sequence}`;
    this.#events.set(eventId, { streamId, message });
    return eventId;
  }

  async getStreamIdForEventId(eventId) {
    return this.#events.get(eventId)?.streamId;
  }

  async replayEventsAfter(lastEventId, { send }) {
    const { streamId } = this.#events.get(lastEventId);
    let after = false;
    for (const [eventId, event] of this.#events) {
      if (after && event.streamId === streamId) await send(eventId, event.message);
      after ||= eventId === lastEventId;
    }
    return streamId;
  }
}

// DNS rebinding protection: a page on another site whose name resolves to 127.0.0.1 must not reach the
// server, so Host (port aside) and, when present, Origin have to name this machine.
const LOCAL_HOSTNAMES = new Set(["localhost", "127.0.0.1", "[::1]"]);

function hostnameOf(url) {
  try {
    return new URL(url).hostname;
  } catch {
    return undefined;
  }
}

function isLocalRequest(req) {
  const { host, origin } = req.headers;
  return LOCAL_HOSTNAMES.has(hostnameOf(`http://${host}`)) && (origin === undefined || LOCAL_HOSTNAMES.has(hostnameOf(origin)));
}

function sendJsonRpcError(res, status, code, message, headers = {}) {
  res.writeHead(status, { "Content-Type": "application/json", ...headers });
  res.end(JSON.stringify({ jsonrpc: "2.0", error: { code, message }, id: null }));
}

async function readJson(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return JSON.parse(Buffer.concat(chunks).toString("utf8"));
}

const sessions = new Map(); // Mcp-Session-Id -> transport

// An initialize without a session id opens a session; every other request needs a live one.
async function handleMcp(req, res) {
  let body;
  if (req.method === "POST") {
    try {
      body = await readJson(req);
    } catch {
      return sendJsonRpcError(res, 400, ErrorCode.ParseError, "Parse error: Invalid JSON");
    }
  }
  const sessionId = req.headers["mcp-session-id"];
  if (sessionId === undefined) {
    if (isInitializeRequest(body)) return openSession(req, res, body);
    return sendJsonRpcError(res, 400, -32000, "Bad Request: Mcp-Session-Id header is required");
  }
  const transport = sessions.get(sessionId);
  if (transport === undefined) return sendJsonRpcError(res, 404, -32001, "Session not found");
  await transport.handleRequest(req, res, body);
}

async function openSession(req, res, body) {
  const transport = new StreamableHTTPServerTransport({
    sessionIdGenerator: () => randomUUID(),
    eventStore: new MemoryEventStore(),
    retryInterval: RETRY_MS,
    onsessioninitialized: (id) => sessions.set(id, transport),
  });
  // Closed by a DELETE: the session id is then unknown, and answered 404.
  transport.onclose = () => sessions.delete(transport.sessionId);
  await createFixtureServer().connect(transport);
  await transport.handleRequest(req, res, body);
}

async function route(req, res) {
  if (!isLocalRequest(req)) {
    return sendJsonRpcError(res, 403, -32000, "Forbidden: Host and Origin must be localhost");
  }
  if (new URL(req.url, "http://localhost").pathname !== "/mcp") {
    return sendJsonRpcError(res, 404, -32000, "Not found: the MCP endpoint is /mcp");
  }
  if (!["GET", "POST", "DELETE"].includes(req.method)) {
    return sendJsonRpcError(res, 405, -32000, "Method not allowed", { Allow: "GET, POST, DELETE" });
  }
  await handleMcp(req, res);
}

function serveHttp(port) {
  const server = http.createServer((req, res) => {
    route(req, res).catch((error) => {
      console.error("conformance-server:", error);
      if (!res.headersSent) sendJsonRpcError(res, 500, ErrorCode.InternalError, "Internal server error");
      else res.end();
    });
  });
  server.listen(port, "127.0.0.1", () => {
    console.log(`conformance-server listening on http://127.0.0.1:${server.address().port}/mcp`);
  });
}

const { values: args } = parseArgs({ options: { port: { type: "string", default: "0" }, stdio: { type: "boolean", default: false } } });
if (args.stdio) {
  await createFixtureServer().connect(new StdioServerTransport());
} else {
  serveHttp(Number(args.port));
}
