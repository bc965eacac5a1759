package io.ccos.testing.mcp;

import io.ccos.testing.stack.Stack;
import java.nio.file.Path;
import java.util.List;

/** argv of the MCP reference servers pinned in testing/npm, started over stdio (server-everything: {@link EverythingServer}). */
public final class ReferenceServers {

    private ReferenceServers() {
    }

    /** server-filesystem, allowed to read and write under {@code directory} only. */
    public static List<String> filesystem(Path directory) {
        return List.of("node", script("server-filesystem").toString(), directory.toAbsolutePath().toString());
    }

    /** server-memory: a knowledge graph kept in the file its env's MEMORY_FILE_PATH names. */
    public static List<String> memory() {
        return List.of("node", script("server-memory").toString());
    }

    private static Path script(String server) {
        return Stack.repositoryRoot().resolve("testing/npm/node_modules/@modelcontextprotocol/" + server + "/dist/index.js");
    }
}
