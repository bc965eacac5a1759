package io.ccos.gateway.downstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ccos.gateway.jsonrpc.JsonRpcError;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * What the stateless revision (2026-07-28) asks of a request without a session: its MCP-Protocol-Version
 * header and the version and client capabilities in its _meta, agreeing; the Mcp-Method and Mcp-Name headers,
 * when sent, agreeing with the body; none of the methods the revision removed. Each failure has the code and
 * HTTP status the revision gives it.
 */
final class StatelessRequests {

    static final String CLIENT_CAPABILITIES = "io.modelcontextprotocol/clientCapabilities";
    /** Methods of the session-based revisions that the stateless one removed. */
    private static final Set<String> REMOVED = Set.of("initialize", "ping", "logging/setLevel", "resources/subscribe", "resources/unsubscribe");

    private StatelessRequests() {
    }

    /** Whether a request without a session speaks the stateless revision: its header or its _meta names a version. */
    static boolean speaks(String headerVersion, ObjectNode params) {
        return ProtocolVersions.STATELESS.equals(headerVersion) || params.path("_meta").has(ProtocolVersions.META_VERSION);
    }

    /** Checks the request; fails with a JsonRpcError carrying the revision's HTTP status. */
    static void check(String method, ObjectNode params, UnaryOperator<String> headers) {
        String header = headers.apply(McpRoute.VERSION_HEADER);
        if (header == null) {
            throw new JsonRpcError(JsonRpcError.HEADER_MISMATCH, "Missing MCP-Protocol-Version header", null, 400);
        }
        JsonNode meta = params.path("_meta");
        List<String> missing = List.of(ProtocolVersions.META_VERSION, CLIENT_CAPABILITIES).stream().filter(key -> !meta.has(key)).toList();
        if (!missing.isEmpty()) {
            throw new JsonRpcError(JsonRpcError.INVALID_PARAMS, "Invalid params: a request without a session needs _meta "
                    + String.join(" and ", missing), null, 400);
        }
        String version = meta.path(ProtocolVersions.META_VERSION).asText();
        if (!version.equals(header)) {
            throw new JsonRpcError(JsonRpcError.HEADER_MISMATCH, "MCP-Protocol-Version " + header + " does not match _meta[\""
                    + ProtocolVersions.META_VERSION + "\"] " + version, null, 400);
        }
        if (!ProtocolVersions.STATELESS.equals(version)) {
            throw unsupported(version);
        }
        agrees(headers.apply("Mcp-Method"), method, "Mcp-Method");
        agrees(headers.apply("Mcp-Name"), nameOf(method, params), "Mcp-Name");
        if (REMOVED.contains(method)) {
            throw new JsonRpcError(JsonRpcError.METHOD_NOT_FOUND, method + " is not part of protocol version " + ProtocolVersions.STATELESS
                    + " (it has no sessions: initialize a session with a session-based version to use it)", null, 404);
        }
    }

    /** A version the gateway does not speak, with the ones it does. */
    static JsonRpcError unsupported(String requested) {
        ObjectNode data = JsonNodeFactory.instance.objectNode().put("requested", requested);
        ProtocolVersions.ALL.forEach(data.putArray("supported")::add);
        return new JsonRpcError(JsonRpcError.UNSUPPORTED_VERSION, "Unsupported protocol version " + requested + "; this gateway speaks "
                + ProtocolVersions.ALL, data, 400);
    }

    /** A header that is sent must say what the body says (its value trimmed, as HTTP field values are; case matters). */
    private static void agrees(String header, String body, String name) {
        if (header != null && !header.strip().equals(body)) {
            throw new JsonRpcError(JsonRpcError.HEADER_MISMATCH, name + " header " + header.strip() + " does not match the request's "
                    + (body == null ? "(none)" : body), null, 400);
        }
    }

    /** What Mcp-Name stands for: the tool or prompt called, the resource read. */
    private static String nameOf(String method, ObjectNode params) {
        return switch (method) {
            case "tools/call", "prompts/get" -> params.path("name").textValue();
            case "resources/read" -> params.path("uri").textValue();
            default -> null;
        };
    }
}
