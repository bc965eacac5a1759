package io.ccos.testing.mcp;

import io.ccos.testing.stack.Stack;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The project's conformant MCP server (testing/npm/conformance-server.mjs, on the TypeScript SDK): every
 * fixture the MCP conformance suite's server scenarios call, over Streamable HTTP or stdio, so that the gateway
 * can be scored in front of an upstream that passes them itself.
 */
public final class ConformanceServer {

    private ConformanceServer() {
    }

    /** Serving Streamable HTTP at {@code url()} (…/mcp) on a free port. */
    public static ListeningScript startHttp() throws IOException {
        return ListeningScript.start("conformance-server.mjs", List.of("--port", "0"), Map.of());
    }

    /** The argv of its stdio server, for a gateway registration. */
    public static List<String> stdioCommand() {
        return List.of("node", Stack.repositoryRoot().resolve("testing/npm/conformance-server.mjs").toString(), "--stdio");
    }
}
