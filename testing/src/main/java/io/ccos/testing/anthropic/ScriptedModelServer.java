package io.ccos.testing.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A stand-in for the Anthropic Messages API (the one paid external API ccos cannot reach in tests) that
 * speaks its wire format: {@code POST /v1/messages} answered as JSON or, when the request asks to stream,
 * as server-sent events (message_start, content_block_start/delta/stop, message_delta, message_stop), and
 * {@code POST /v1/messages/count_tokens}.
 *
 * <p>Requests of the agent loop (those offering tools) take the scripted replies in order; side requests
 * (titles, summaries) and requests after the script is used up get a short text. Every request body is kept
 * for assertions.
 */
public final class ScriptedModelServer implements AutoCloseable {

    public static final String MODEL = "claude-sonnet-4-5-20250929";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final Deque<ScriptedReply> script;
    private final List<JsonNode> requests = new CopyOnWriteArrayList<>();

    private ScriptedModelServer(List<ScriptedReply> replies) throws IOException {
        this.script = new ArrayDeque<>(replies);
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/messages", this::handle);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    public static ScriptedModelServer start(List<ScriptedReply> replies) throws IOException {
        return new ScriptedModelServer(replies);
    }

    /** What to set ANTHROPIC_BASE_URL to. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Every /v1/messages request body received, in order. */
    public List<JsonNode> requests() {
        return List.copyOf(requests);
    }

    /** The requests of the agent loop, i.e. those that offered tools to the model. */
    public List<JsonNode> agentLoopRequests() {
        return requests.stream().filter(ScriptedModelServer::offersTools).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                error(exchange, 405, "invalid_request_error", "Only POST is supported");
                return;
            }
            JsonNode request;
            try {
                request = JSON.readTree(exchange.getRequestBody());
            } catch (IOException e) {
                error(exchange, 400, "invalid_request_error", "Body is not JSON");
                return;
            }
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/v1/messages/count_tokens")) {
                respond(exchange, 200, "application/json", JSON.createObjectNode().put("input_tokens", estimateTokens(request)).toString());
                return;
            }
            if (!path.equals("/v1/messages")) {
                error(exchange, 404, "not_found_error", "No such endpoint " + path);
                return;
            }
            requests.add(request);
            ScriptedReply reply = nextReply(request);
            if (request.path("stream").asBoolean(false)) {
                stream(exchange, request, reply);
            } else {
                respond(exchange, 200, "application/json", message(request, reply, true).toString());
            }
        }
    }

    private synchronized ScriptedReply nextReply(JsonNode request) {
        if (offersTools(request) && !script.isEmpty()) {
            return script.poll();
        }
        return ScriptedReply.text("Done.");
    }

    private static boolean offersTools(JsonNode request) {
        return request.path("tools").isArray() && !request.path("tools").isEmpty();
    }

    /** The whole message object, as a non-streaming answer gives it (content filled in when complete). */
    private static ObjectNode message(JsonNode request, ScriptedReply reply, boolean complete) {
        ObjectNode message = JSON.createObjectNode()
                .put("id", "msg_" + UUID.randomUUID().toString().replace("-", ""))
                .put("type", "message")
                .put("role", "assistant")
                .put("model", request.path("model").asText(MODEL));
        ArrayNode content = message.putArray("content");
        if (complete) {
            content.add(contentBlock(reply, true));
        }
        message.put("stop_reason", complete ? stopReason(reply) : null);
        message.putNull("stop_sequence");
        message.set("usage", JSON.createObjectNode()
                .put("input_tokens", estimateTokens(request))
                .put("output_tokens", complete ? outputTokens(reply) : 1)
                .put("cache_creation_input_tokens", 0)
                .put("cache_read_input_tokens", 0));
        return message;
    }

    private static ObjectNode contentBlock(ScriptedReply reply, boolean complete) {
        return switch (reply) {
            case ScriptedReply.Text text -> JSON.createObjectNode().put("type", "text").put("text", complete ? text.text() : "");
            case ScriptedReply.ToolUse tool -> {
                ObjectNode block = JSON.createObjectNode()
                        .put("type", "tool_use")
                        .put("id", "toolu_" + UUID.randomUUID().toString().replace("-", "").substring(0, 24))
                        .put("name", tool.tool());
                block.set("input", complete ? JSON.valueToTree(tool.input()) : JSON.createObjectNode());
                yield block;
            }
        };
    }

    private static void stream(HttpExchange exchange, JsonNode request, ScriptedReply reply) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        exchange.getResponseHeaders().add("Cache-Control", "no-cache");
        exchange.getResponseHeaders().add("request-id", "req_" + UUID.randomUUID().toString().replace("-", ""));
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            ObjectNode start = JSON.createObjectNode().put("type", "message_start");
            start.set("message", message(request, reply, false));
            event(out, "message_start", start);

            ObjectNode blockStart = JSON.createObjectNode().put("type", "content_block_start").put("index", 0);
            blockStart.set("content_block", contentBlock(reply, false));
            event(out, "content_block_start", blockStart);
            event(out, "ping", JSON.createObjectNode().put("type", "ping"));

            ObjectNode delta = JSON.createObjectNode().put("type", "content_block_delta").put("index", 0);
            switch (reply) {
                case ScriptedReply.Text text -> delta.set("delta", JSON.createObjectNode().put("type", "text_delta").put("text", text.text()));
                case ScriptedReply.ToolUse tool -> delta.set("delta", JSON.createObjectNode()
                        .put("type", "input_json_delta").put("partial_json", JSON.writeValueAsString(tool.input())));
            }
            event(out, "content_block_delta", delta);
            event(out, "content_block_stop", JSON.createObjectNode().put("type", "content_block_stop").put("index", 0));

            ObjectNode messageDelta = JSON.createObjectNode().put("type", "message_delta");
            messageDelta.set("delta", JSON.createObjectNode().put("stop_reason", stopReason(reply)).putNull("stop_sequence"));
            messageDelta.set("usage", JSON.createObjectNode().put("output_tokens", outputTokens(reply)));
            event(out, "message_delta", messageDelta);
            event(out, "message_stop", JSON.createObjectNode().put("type", "message_stop"));
        }
    }

    private static void event(OutputStream out, String name, JsonNode data) throws IOException {
        out.write(("event: " + name + "\ndata: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static String stopReason(ScriptedReply reply) {
        return reply instanceof ScriptedReply.ToolUse ? "tool_use" : "end_turn";
    }

    private static int outputTokens(ScriptedReply reply) {
        return switch (reply) {
            case ScriptedReply.Text text -> Math.max(1, text.text().length() / 4);
            case ScriptedReply.ToolUse tool -> 20 + tool.input().toString().length() / 4;
        };
    }

    /** A rough count (4 characters a token): the CLI only needs a plausible number. */
    private static int estimateTokens(JsonNode request) {
        return Math.max(1, request.toString().length() / 4);
    }

    private static void error(HttpExchange exchange, int status, String type, String message) throws IOException {
        ObjectNode body = JSON.createObjectNode().put("type", "error");
        body.set("error", JSON.createObjectNode().put("type", type).put("message", message));
        respond(exchange, status, "application/json", body.toString());
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
