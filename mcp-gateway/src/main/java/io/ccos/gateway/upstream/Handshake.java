package io.ccos.gateway.upstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ccos.gateway.jsonrpc.JsonRpcError;

/** The gateway's side of an upstream's initialize handshake (the session-based revisions, 2025-03-26 to 2025-11-25). */
final class Handshake {

    /** What the gateway asks for; an upstream answers with this or an older version it speaks. */
    static final String PROTOCOL_VERSION = "2025-11-25";

    private Handshake() {
    }

    /**
     * The gateway declares no client capabilities yet: sampling, elicitation and roots are answered by the
     * downstream client, and relaying an upstream's requests to it is not built (see mcp-gateway's README).
     */
    static ObjectNode initializeParams() {
        ObjectNode params = JsonNodeFactory.instance.objectNode().put("protocolVersion", PROTOCOL_VERSION);
        params.putObject("capabilities");
        params.putObject("clientInfo").put("name", "ccos-mcp-gateway").put("version", Handshake.class.getPackage().getImplementationVersion() == null
                ? "dev" : Handshake.class.getPackage().getImplementationVersion());
        return params;
    }

    /** The upstream's initialize result, checked to be one. */
    static ObjectNode initialized(String upstream, JsonNode result) {
        if (!(result instanceof ObjectNode object) || !object.path("protocolVersion").isTextual()) {
            throw new JsonRpcError(JsonRpcError.UPSTREAM_UNAVAILABLE, upstream + " answered initialize without a protocolVersion");
        }
        return object;
    }
}
