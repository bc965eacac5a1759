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
     * The gateway declares what it relays to the downstream client of a call: sampling, elicitation (both
     * modes) and roots. The connection is shared by every caller of the server, so it cannot declare one
     * client's capabilities: a client that lacks one answers the relayed request with its own error.
     */
    static ObjectNode initializeParams() {
        ObjectNode params = JsonNodeFactory.instance.objectNode().put("protocolVersion", PROTOCOL_VERSION);
        ObjectNode capabilities = params.putObject("capabilities");
        capabilities.putObject("sampling");
        ObjectNode elicitation = capabilities.putObject("elicitation");
        elicitation.putObject("form");
        elicitation.putObject("url");
        capabilities.putObject("roots");
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
