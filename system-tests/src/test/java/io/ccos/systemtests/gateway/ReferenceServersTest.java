package io.ccos.systemtests.gateway;

import static io.ccos.systemtests.gateway.GatewayFixtures.developerToken;
import static io.ccos.systemtests.gateway.GatewayFixtures.text;
import static io.ccos.testing.http.Api.as;
import static io.ccos.testing.mcp.McpSdkClient.step;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.ccos.contracts.security.Roles;
import io.ccos.testing.auth.TestUser;
import io.ccos.testing.mcp.McpSdkClient;
import io.ccos.testing.mcp.ReferenceServers;
import io.ccos.testing.stack.Stack;
import io.restassured.http.ContentType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The MCP reference servers server-filesystem and server-memory (npm, over stdio) behind the suite's gateway,
 * used through /mcp by the TypeScript SDK client: a file read and written under the allowed directory, and a
 * knowledge graph kept where the registration's env says.
 */
class ReferenceServersTest {

    private static final String MARKER = UUID.randomUUID().toString().substring(0, 8);
    private static final String FILES = "fs-" + MARKER;
    private static final String MEMORY = "mem-" + MARKER;
    private static final String GATEWAY = Stack.serviceUrl("mcp-gateway");
    private static final List<String> REGISTERED = new ArrayList<>();
    private static Path directory;
    private static Path memoryFile;

    @BeforeAll
    static void registerServers() throws Exception {
        directory = Files.createTempDirectory("ccos-fs-");
        Files.writeString(directory.resolve("notes.md"), "# Notes " + MARKER + "\n");
        memoryFile = directory.resolve("memory.jsonl");
        REGISTERED.add(register(Map.of("name", FILES, "transport", "stdio", "command", ReferenceServers.filesystem(directory))));
        REGISTERED.add(register(Map.of("name", MEMORY, "transport", "stdio", "command", ReferenceServers.memory(),
                "env", Map.of("MEMORY_FILE_PATH", memoryFile.toString()))));
    }

    @AfterAll
    static void remove() {
        REGISTERED.forEach(id -> GatewayFixtures.remove(GATEWAY, id));
    }

    @Test
    void filesAndMemoryThroughTheAggregateEndpoint() throws Exception {
        Path written = directory.resolve("written.txt");
        JsonNode session = McpSdkClient.run(GATEWAY + "/mcp", developerToken(), List.of(
                step("listTools"),
                step("callTool", "name", FILES + "__read_text_file", "arguments", Map.of("path", directory.resolve("notes.md").toString())),
                step("callTool", "name", FILES + "__write_file", "arguments", Map.of("path", written.toString(), "content", "from the gateway " + MARKER)),
                step("callTool", "name", FILES + "__read_text_file", "arguments", Map.of("path", "/etc/passwd")),
                step("callTool", "name", MEMORY + "__create_entities", "arguments", Map.of("entities", List.of(Map.of(
                        "name", "gateway-" + MARKER, "entityType", "service", "observations", List.of("governs MCP calls"))))),
                step("callTool", "name", MEMORY + "__read_graph", "arguments", Map.of())));
        assertFalse(session.has("connectError"), session::toString);
        JsonNode results = session.path("results");
        List<String> tools = new ArrayList<>();
        results.path(0).path("ok").path("tools").forEach(tool -> tools.add(tool.path("name").asText()));
        assertTrue(tools.contains(FILES + "__read_text_file") && tools.contains(MEMORY + "__create_entities"), tools::toString);
        assertTrue(text(results.path(1).path("ok")).contains("# Notes " + MARKER), () -> results.path(1).toString());
        assertTrue(Files.readString(written).equals("from the gateway " + MARKER), "the server wrote the file");
        assertTrue(results.path(3).path("ok").path("isError").asBoolean(), () -> "outside the allowed directory: " + results.path(3));
        assertTrue(text(results.path(5).path("ok")).contains("gateway-" + MARKER), () -> results.path(5).toString());
        assertTrue(Files.readString(memoryFile).contains("gateway-" + MARKER), "the graph is kept where the registration's env says");
    }

    private static String register(Map<String, Object> registration) {
        return as(TestUser.GLOBEX, Roles.PLATFORM_ADMIN).baseUri(GATEWAY).contentType(ContentType.JSON).body(registration)
                .post("/api/v1/upstreams").then().statusCode(201).extract().path("id");
    }
}
