package io.ccos.gateway.upstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;

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
        return request(method, params, CallControl.none());
    }

    /**
     * The same, under the caller's control: with a progress listener the upstream is asked for progress and its
     * notifications about this request go there (on the caller's context) before the result; a cancel tells
     * the upstream notifications/cancelled and fails the call.
     */
    Future<JsonNode> request(String method, JsonNode params, CallControl control);

    /** Sends a notification (e.g. notifications/cancelled); nothing answers it. */
    void notify(String method, JsonNode params);

    /** The upstream's answer to initialize: protocolVersion, capabilities, serverInfo, instructions. */
    ObjectNode initialized();

    /** False once the connection is lost (the process exited, the session expired): the pool opens a new one. */
    boolean open();

    void close();
}
