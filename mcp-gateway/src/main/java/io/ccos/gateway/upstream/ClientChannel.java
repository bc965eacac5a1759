package io.ccos.gateway.upstream;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;

/**
 * The way back to the client of one call: what the upstream says or asks on the way to its answer. The
 * connection calls it on the caller's context.
 */
public interface ClientChannel {

    /**
     * A notification about the call, sent on to the client: notifications/progress (under the gateway's token,
     * which the channel replaces with the client's) or notifications/message (a log line of the server's).
     */
    void notify(String method, JsonNode params);

    /**
     * A request of the upstream's to the client (sampling/createMessage, elicitation/create, roots/list): the
     * client's result, or a {@link io.ccos.gateway.jsonrpc.JsonRpcError} (its error, or why it cannot be asked).
     */
    Future<JsonNode> ask(String method, JsonNode params);
}
