// A streaming reverse proxy that adds a bearer token, for clients that cannot send headers themselves
// (the MCP conformance CLI):
//   CCOS_BEARER=<token> node bearer-pass-through.mjs --listen PORT --target URL-PREFIX
// Every request to http://localhost:PORT/<path> goes to URL-PREFIX/<path> with the same method, headers
// and body (the client's Host kept, as a reverse proxy in front of the gateway keeps it, so Origin and Host
// checks see what the client sent), plus "Authorization: Bearer <token>"; the answer comes back with its
// status and headers, streamed as it arrives (SSE included). PORT 0 picks a free port. Prints
// "bearer-pass-through listening on http://localhost:PORT" once listening. The token is read from the
// environment only, so it never appears in a process listing, and it is never printed. With --record FILE,
// each request's method, path and headers (but Authorization) are appended to FILE as a JSON line, so a
// test can see what reached the target (a trace's traceparent, say).
import http from "node:http";
import https from "node:https";
import { pipeline } from "node:stream";
import { parseArgs } from "node:util";
import { appendFileSync } from "node:fs";

// Headers that describe one connection rather than the message (RFC 9110 section 7.6.1): each hop sets its own.
const HOP_BY_HOP = new Set([
  "connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "proxy-connection",
  "te", "trailer", "transfer-encoding", "upgrade",
]);

function endToEndHeaders(headers) {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !HOP_BY_HOP.has(name)));
}

function forward(req, res, target, token, record) {
  const url = new URL(target.href.replace(/\/$/, "") + req.url);
  if (record) {
    const { authorization, ...headers } = req.headers;
    appendFileSync(record, JSON.stringify({ method: req.method, path: req.url, headers }) + "\n");
  }
  const client = url.protocol === "https:" ? https : http;
  const upstream = client.request(url, {
    method: req.method,
    headers: { ...endToEndHeaders(req.headers), authorization: `Bearer ${token}` },
  });
  upstream.on("response", (answer) => {
    res.writeHead(answer.statusCode, answer.statusMessage, endToEndHeaders(answer.headers));
    // Send the status line now: an SSE stream may not have its first event for a while.
    res.flushHeaders();
    // Either side ending early ends the other: a client closing an SSE stream closes the target's.
    pipeline(answer, res, () => {});
  });
  upstream.on("error", (error) => {
    if (res.headersSent || res.destroyed) {
      res.destroy();
    } else {
      res.writeHead(502, { "Content-Type": "text/plain" });
      res.end(`bearer-pass-through: ${url.origin} unreachable: ${error.message}\n`);
    }
  });
  // A client gone before the answer began (or completed) has the exchange with the target dropped too.
  res.on("close", () => {
    if (!res.writableFinished) upstream.destroy();
  });
  pipeline(req, upstream, () => {});
}

const { values: args } = parseArgs({
  options: { listen: { type: "string", default: "0" }, target: { type: "string" }, record: { type: "string" } },
});
const token = process.env.CCOS_BEARER;
if (!args.target || !token) {
  console.error("usage: CCOS_BEARER=<token> node bearer-pass-through.mjs --listen PORT --target URL-PREFIX [--record FILE]");
  process.exit(2);
}
const target = new URL(args.target);
const server = http.createServer({ noDelay: true }, (req, res) => forward(req, res, target, token, args.record));
server.listen(Number(args.listen), "127.0.0.1", () => {
  console.log(`bearer-pass-through listening on http://localhost:${server.address().port}`);
});
