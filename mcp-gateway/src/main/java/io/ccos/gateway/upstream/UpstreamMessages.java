package io.ccos.gateway.upstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ccos.gateway.jsonrpc.JsonRpc;
import io.ccos.gateway.jsonrpc.JsonRpcError;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * What an upstream sends a connection, each message to where it belongs: an answer to the call waiting on its
 * id; progress to the call its token names; a log line or a request of the server's (sampling, elicitation,
 * roots) to the client of the call it came with, whose answer goes back to the upstream. One place for both
 * transports; they differ only in how a message names its call (an HTTP answer stream belongs to one request;
 * stdio has none, so the only call in flight is meant, and with several the request is refused).
 */
final class UpstreamMessages {

    private static final Logger LOG = Logger.getLogger(UpstreamMessages.class);

    /** The call a message came with is not known (stdio): the only one in flight is meant. */
    static final long UNKNOWN_CALL = -1;
    /** The message came about no call (an HTTP upstream's GET stream). */
    static final long NO_CALL = -2;

    private final String label;
    private final PendingCalls pending;
    private final Consumer<ObjectNode> toUpstream;
    private final Consumer<ObjectNode> notices;

    /**
     * @param toUpstream how a message goes back to the upstream (an answer to its request)
     * @param notices    where a notification about no call goes ({@link UpstreamNotice#relayed})
     */
    UpstreamMessages(String label, PendingCalls pending, Consumer<ObjectNode> toUpstream, Consumer<ObjectNode> notices) {
        this.label = label;
        this.pending = pending;
        this.toUpstream = toUpstream;
        this.notices = notices;
    }

    /** A message of the upstream's; {@code call} is the request whose answer stream it came on, or one of the above. */
    void received(JsonNode message, long call) {
        JsonNode id = message.get("id");
        if (!message.has("method")) {
            if (id == null || !id.canConvertToLong() || !pending.answer(id.longValue(), message)) {
                LOG.debugf("%s: a response nobody waits for (id %s)", label, id);
            }
            return;
        }
        String method = message.path("method").asText();
        JsonNode params = message.get("params");
        long about = call == UNKNOWN_CALL ? pending.soleCall() : call;
        if (id != null) {
            asked(id, method, params, about);
        } else if ("notifications/progress".equals(method)) {
            // Its token is the gateway's, given to one call only when its client asked for progress.
            pending.toClient(ProgressTokens.requestOf(params), channel -> channel.notify(method, params));
        } else if (UpstreamNotice.relayed(method)) {
            notices.accept((ObjectNode) message);
        } else if (!"notifications/message".equals(method) || !pending.toClient(about, channel -> channel.notify(method, params))) {
            LOG.debugf("%s: %s not relayed (no call's client to tell)", label, method);
        }
    }

    /** A request of the server's to the client of call {@code about}: relayed, and the client's answer sent back. */
    private void asked(JsonNode id, String method, JsonNode params, long about) {
        boolean relayed = pending.toClient(about, channel -> channel.ask(method, params).onComplete(answer -> toUpstream.accept(
                answer.succeeded() ? JsonRpc.result(id, answer.result()) : JsonRpc.error(id, asError(answer.cause())))));
        if (!relayed) {
            toUpstream.accept(JsonRpc.error(id, new JsonRpcError(JsonRpcError.METHOD_NOT_FOUND, method + " cannot reach a client: "
                    + (about < 0 ? "it came with no call whose client reads an event stream" : "the client of the call does not read an event stream"))));
        }
    }

    private static JsonRpcError asError(Throwable failure) {
        return failure instanceof JsonRpcError error ? error : new JsonRpcError(JsonRpcError.INTERNAL_ERROR, "the gateway could not ask the client: "
                + failure.getMessage());
    }
}
