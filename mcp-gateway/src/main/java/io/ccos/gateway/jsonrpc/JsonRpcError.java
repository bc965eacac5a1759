package io.ccos.gateway.jsonrpc;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A JSON-RPC error to answer a request with: raised anywhere on the MCP path and written by the route as
 * {@code {"jsonrpc":"2.0","id":...,"error":{code, message, data}}}. {@code httpStatus} is the status the
 * Streamable HTTP transport gives it (200 for an answered request; 400 for a message that is not one).
 */
public class JsonRpcError extends RuntimeException {

    public static final int PARSE_ERROR = -32700;
    public static final int INVALID_REQUEST = -32600;
    public static final int METHOD_NOT_FOUND = -32601;
    public static final int INVALID_PARAMS = -32602;
    public static final int INTERNAL_ERROR = -32603;
    /** Implementation-defined server errors (-32000 to -32099): the upstream failed, timed out or is busy. */
    public static final int UPSTREAM_UNAVAILABLE = -32000;
    public static final int UPSTREAM_TIMEOUT = -32001;
    public static final int UPSTREAM_BUSY = -32003;
    /** The caller's tenant sent more requests than its rate limit allows; {@code data.retryAfterMs} says when to try again. */
    public static final int RATE_LIMITED = -32004;
    /** The client cancelled the request (notifications/cancelled): the code LSP gives a cancelled request. */
    public static final int CANCELLED = -32800;
    /** The stateless revision's: an MCP header (MCP-Protocol-Version, Mcp-Method, Mcp-Name) is missing or disagrees with the body. */
    public static final int HEADER_MISMATCH = -32020;
    /** The stateless revision's: the request needs a capability the client did not declare; data.requiredCapabilities says which. */
    public static final int MISSING_CLIENT_CAPABILITY = -32021;
    /** The stateless revision's: the protocol version named is not one the server speaks; data says which it does. */
    public static final int UNSUPPORTED_VERSION = -32022;
    /** MCP's code for a resource that does not exist. */
    public static final int RESOURCE_NOT_FOUND = -32002;

    private final int code;
    private final transient JsonNode data;
    private final int httpStatus;
    private final boolean fromUpstream;

    public JsonRpcError(int code, String message) {
        this(code, message, null, 200);
    }

    public JsonRpcError(int code, String message, JsonNode data, int httpStatus) {
        this(code, message, data, httpStatus, false);
    }

    private JsonRpcError(int code, String message, JsonNode data, int httpStatus, boolean fromUpstream) {
        super(message, null, false, false); // an answer, not a fault: no stack trace is taken
        this.code = code;
        this.data = data;
        this.httpStatus = httpStatus;
        this.fromUpstream = fromUpstream;
    }

    public static JsonRpcError invalidParams(String message) {
        return new JsonRpcError(INVALID_PARAMS, message);
    }

    /** An error a peer answered with (an upstream, or a client the gateway asked), passed on as it came. */
    public static JsonRpcError answered(JsonNode error) {
        JsonNode code = error.path("code");
        return new JsonRpcError(code.canConvertToInt() ? code.intValue() : INTERNAL_ERROR, error.path("message").asText("error"),
                error.get("data"), 200, true);
    }

    /** The gateway could not get an answer from the upstream (it is down, unreachable or too slow), as opposed to an answer that is an error. */
    public boolean upstreamFailed() {
        return !fromUpstream && (code == UPSTREAM_UNAVAILABLE || code == UPSTREAM_TIMEOUT);
    }

    public int code() {
        return code;
    }

    public JsonNode data() {
        return data;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
