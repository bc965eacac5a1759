package io.ccos.gateway.downstream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ccos.gateway.jsonrpc.JsonRpc;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import java.util.function.Consumer;

/**
 * The answer to a request that asked for progress ({@code _meta.progressToken}) from a client that reads
 * event streams: the upstream's progress notifications, under the client's own token, as events of a
 * text/event-stream, then the response as its last event. Until the first notification nothing is sent,
 * so that a call without progress is answered as plain JSON.
 */
final class ProgressStream implements Consumer<JsonNode> {

    private final HttpServerResponse response;
    private final JsonNode clientToken;
    private final ObjectMapper json;
    private boolean streaming;

    ProgressStream(HttpServerResponse response, JsonNode clientToken, ObjectMapper json) {
        this.response = response;
        this.clientToken = clientToken;
        this.json = json;
    }

    /** Whether the request asks for progress and its client accepts an event stream. */
    static boolean wanted(JsonNode progressToken, String accept) {
        return progressToken != null && (progressToken.isTextual() || progressToken.isIntegralNumber())
                && accept != null && accept.contains("text/event-stream");
    }

    /** An upstream's notifications/progress params: sent on under the client's token. */
    @Override
    public void accept(JsonNode upstreamParams) {
        if (response.ended() || response.closed()) {
            return;
        }
        ObjectNode params = upstreamParams instanceof ObjectNode object ? object.deepCopy() : json.createObjectNode();
        params.set("progressToken", clientToken);
        if (!streaming) {
            streaming = true;
            response.setStatusCode(200).setChunked(true).putHeader(HttpHeaders.CONTENT_TYPE, "text/event-stream")
                    .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache");
        }
        response.write(event(JsonRpc.notification("notifications/progress", params)));
    }

    /** Ends the stream with the response; false when nothing was streamed (the response goes as JSON). */
    boolean finish(ObjectNode message) {
        if (!streaming) {
            return false;
        }
        if (!response.ended()) {
            response.end(event(message));
        }
        return true;
    }

    private Buffer event(ObjectNode message) {
        try {
            return Buffer.buffer("event: message\ndata: ").appendBytes(json.writeValueAsBytes(message)).appendString("\n\n");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
    }
}
