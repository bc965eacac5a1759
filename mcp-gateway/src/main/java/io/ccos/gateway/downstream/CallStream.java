package io.ccos.gateway.downstream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.ccos.gateway.jsonrpc.JsonRpc;
import io.ccos.gateway.jsonrpc.JsonRpcError;
import io.ccos.gateway.upstream.ClientChannel;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * The way back to the client of one request. For a client that reads event streams, as the Streamable HTTP
 * transport allows, what the upstream says or asks about the call on the way (progress under the client's own
 * token, log messages, sampling, elicitation and roots requests) goes as events of a text/event-stream, then
 * the response as its last event. Until the first of them nothing is sent, so a call without any is answered
 * as plain JSON. A stateless client (2026-07-28) is not asked anything: what it did not declare it can do
 * fails its request with -32021.
 */
final class CallStream implements ClientChannel {

    private static final String PROGRESS = "notifications/progress";
    /** What a client declares to be asked each of the requests an upstream may send it. */
    private static final java.util.Map<String, String> CAPABILITY = java.util.Map.of("sampling/createMessage", "sampling",
            "elicitation/create", "elicitation", "roots/list", "roots");

    private final HttpServerResponse response;
    private final boolean readable;
    private final JsonNode clientToken;
    private final ClientRequests.Client client;
    private final JsonNode statelessCapabilities;
    private final ClientRequests requests;
    private final ObjectMapper json;
    private final List<String> asked = new ArrayList<>();
    private boolean streaming;
    private JsonRpcError refusal;

    /**
     * @param readable              whether the client reads an event stream (its Accept header)
     * @param clientToken           the client's progress token; null when it asked for none
     * @param client                the session's client, who may be asked; null in the stateless revision
     * @param statelessCapabilities a stateless client's declared capabilities (its _meta); null for a session's
     */
    CallStream(HttpServerResponse response, boolean readable, JsonNode clientToken, ClientRequests.Client client,
            JsonNode statelessCapabilities, ClientRequests requests, ObjectMapper json) {
        this.response = response;
        this.readable = readable;
        this.clientToken = clientToken;
        this.client = client;
        this.statelessCapabilities = statelessCapabilities;
        this.requests = requests;
        this.json = json;
    }

    /** Whether a client that sent this Accept header reads an event stream as the answer to its POST. */
    static boolean readable(String accept) {
        return accept != null && accept.contains("text/event-stream");
    }

    /** The progress token of a request's params, when it is a usable one (a string or an integer). */
    static JsonNode progressToken(ObjectNode params) {
        JsonNode token = params.path("_meta").get("progressToken");
        return token != null && (token.isTextual() || token.isIntegralNumber()) ? token : null;
    }

    @Override
    public void notify(String method, JsonNode params) {
        if (!readable || response.ended() || response.closed() || (PROGRESS.equals(method) && clientToken == null)) {
            return;
        }
        ObjectNode copy = params instanceof ObjectNode object ? object.deepCopy() : json.createObjectNode();
        if (PROGRESS.equals(method)) {
            copy.set("progressToken", clientToken);
        }
        send(JsonRpc.notification(method, copy));
    }

    @Override
    public Future<JsonNode> ask(String method, JsonNode params) {
        if (client == null) {
            String capability = CAPABILITY.get(method);
            if (capability != null && statelessCapabilities != null && !statelessCapabilities.has(capability)) {
                ObjectNode data = json.createObjectNode();
                data.putObject("requiredCapabilities").putObject(capability);
                refusal = new JsonRpcError(JsonRpcError.MISSING_CLIENT_CAPABILITY, "The tool needs the client's " + capability
                        + " capability, which it did not declare", data, 400);
                return Future.failedFuture(refusal);
            }
            return Future.failedFuture(new JsonRpcError(JsonRpcError.METHOD_NOT_FOUND, method
                    + " cannot reach the client: it speaks the stateless revision, and input_required results are not built yet"));
        }
        if (!readable) {
            return Future.failedFuture(new JsonRpcError(JsonRpcError.METHOD_NOT_FOUND, method
                    + " cannot reach the client: it does not read an event stream (Accept: text/event-stream)"));
        }
        if (response.ended() || response.closed()) {
            return Future.failedFuture(new JsonRpcError(JsonRpcError.CANCELLED, "the client went away"));
        }
        ClientRequests.Asked request = requests.open(client);
        asked.add(request.id());
        send(JsonRpc.request(TextNode.valueOf(request.id()), method, params));
        return request.answer();
    }

    /** Why the request fails whatever the upstream answers (a capability the client lacks); null when nothing does. */
    JsonRpcError refusal() {
        return refusal;
    }

    /** Ends the stream with the response; false when nothing was streamed (the response goes as JSON). */
    boolean finish(ObjectNode message) {
        asked.forEach(requests::abandon);
        if (!streaming) {
            return false;
        }
        if (!response.ended()) {
            response.end(event(message));
        }
        return true;
    }

    private void send(ObjectNode message) {
        if (!streaming) {
            streaming = true;
            response.setStatusCode(200).setChunked(true).putHeader(HttpHeaders.CONTENT_TYPE, "text/event-stream")
                    .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache");
        }
        response.write(event(message));
    }

    private Buffer event(ObjectNode message) {
        try {
            return Buffer.buffer("event: message\ndata: ").appendBytes(json.writeValueAsBytes(message)).appendString("\n\n");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
    }
}
