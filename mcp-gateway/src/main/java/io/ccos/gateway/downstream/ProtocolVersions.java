package io.ccos.gateway.downstream;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** The MCP revisions clients may speak to the gateway. */
public final class ProtocolVersions {

    /** The stateless revision: no initialize, no session; each request names its version in _meta. */
    public static final String STATELESS = "2026-07-28";
    /** The session-based revisions, newest first. */
    public static final List<String> SESSION_BASED = List.of("2025-11-25", "2025-06-18", "2025-03-26");
    /** What server/discover lists, newest first. */
    public static final List<String> ALL = List.of(STATELESS, "2025-11-25", "2025-06-18", "2025-03-26");
    /** Where the stateless revision puts the version in a request's _meta. */
    public static final String META_VERSION = "io.modelcontextprotocol/protocolVersion";

    private ProtocolVersions() {
    }

    /** The version to answer an initialize with: the client's when it is one we speak, else our newest (the client decides). */
    public static String negotiate(JsonNode requested) {
        return requested != null && SESSION_BASED.contains(requested.asText()) ? requested.asText() : SESSION_BASED.getFirst();
    }

    /** The version a stateless request names in its _meta, or null. */
    public static String statelessVersion(JsonNode params) {
        JsonNode version = params == null ? null : params.path("_meta").get(META_VERSION);
        return version != null && version.isTextual() ? version.textValue() : null;
    }
}
