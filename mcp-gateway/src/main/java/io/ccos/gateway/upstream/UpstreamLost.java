package io.ccos.gateway.upstream;

import io.ccos.gateway.jsonrpc.JsonRpcError;

/**
 * The connection was gone before the upstream could act on the request (its session expired, say): the
 * pool opens a new connection and sends the request once more. A call that may have run is never retried.
 */
final class UpstreamLost extends JsonRpcError {

    UpstreamLost(String message) {
        super(UPSTREAM_UNAVAILABLE, message);
    }
}
