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
 * The answer to a request of a client that reads event streams, as the Streamable HTTP transport allows: what
 * the upstream says or asks about the call on the way (progress under the client's own token, log messages,
 * sampling, elicitation and roots requests) as events of a text/event-stream, then the response as its last
 * event. Until the first of them nothing is sent, so a call without any is answered as plain JSON.
 */
final class CallStream implements ClientChannel {

    private static final String PROGRESS = "notifications/progress";

    private final HttpServerResponse response;
    private final JsonNode clientToken;
    private final ClientRequests.Client client;
    private final ClientRequests requests;
    private final ObjectMapper json;
    private final List<String> asked = new ArrayList<>();
    private boolean streaming;

    /**
     * @param clientToken the client's progress token; null when it asked for none
     * @param client      the session's client, who may be asked; null in the stateless revision, which has no
     *                    requests from server to client
     */
    CallStream(HttpServerResponse response, JsonNode clientToken, ClientRequests.Client client, ClientRequests requests, ObjectMapper json) {
        this.response = response;
        this.clientToken = clientToken;
        this.client = client;
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
        if (response.ended() || response.closed() || (PROGRESS.equals(method) && clientToken == null)) {
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
            return Future.failedFuture(new JsonRpcError(JsonRpcError.METHOD_NOT_FOUND, method
                    + " cannot reach the client: it speaks the stateless revision, which has no requests from server to client"));
        }
        if (response.ended() || response.closed()) {
            return Future.failedFuture(new JsonRpcError(JsonRpcError.CANCELLED, "the client went away"));
        }
        ClientRequests.Asked request = requests.open(client);
        asked.add(request.id());
        send(JsonRpc.request(TextNode.valueOf(request.id()), method, params));
        return request.answer();
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
