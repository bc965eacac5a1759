package io.ccos.gateway.registry;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How the gateway reaches an upstream MCP server (the names of Claude Code's .mcp.json), or that it is a virtual one. */
public enum Transport {
    @JsonProperty("stdio") STDIO("stdio"),
    @JsonProperty("sse") SSE("sse"),
    @JsonProperty("streamable-http") STREAMABLE_HTTP("streamable-http"),
    /** No server of its own: a named selection of the tenant's other servers' tools. */
    @JsonProperty("virtual") VIRTUAL("virtual");

    private final String id;

    Transport(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    static Transport fromId(String id) {
        for (Transport transport : values()) {
            if (transport.id.equals(id)) {
                return transport;
            }
        }
        throw new IllegalArgumentException("Unknown transport " + id);
    }
}
