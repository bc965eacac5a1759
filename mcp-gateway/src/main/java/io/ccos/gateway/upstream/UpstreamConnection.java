package io.ccos.gateway.upstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import java.util.function.Consumer;

/**
 * One live connection of this replica to an upstream MCP server, initialized and shared by every caller of
 * the server in the tenant: requests are multiplexed on it with the connection's own ids.
 */
public interface UpstreamConnection {

    /**
     * Sends a request and completes with its result on the caller's context; fails with a
     * {@link io.ccos.gateway.jsonrpc.JsonRpcError} (the upstream's own error, or why there is no answer).
     */
    default Future<JsonNode> request(String method, JsonNode params) {
        return request(method, params, null);
    }

    /**
     * The same; with {@code onProgress}, the upstream is asked for progress and its notifications/progress
     * about this request go there, on the caller's context, before the result.
     */
    Future<JsonNode> request(String method, JsonNode params, Consumer<JsonNode> onProgress);

    /** Sends a notification (e.g. notifications/cancelled); nothing answers it. */
    void notify(String method, JsonNode params);

    /** The upstream's answer to initialize: protocolVersion, capabilities, serverInfo, instructions. */
    ObjectNode initialized();

    /** False once the connection is lost (the process exited, the session expired): the pool opens a new one. */
    boolean open();

    void close();
}
