package io.ccos.gateway.registry;

import static io.ccos.testing.http.Api.allPages;
import static io.ccos.testing.http.Api.anonymous;
import static io.ccos.testing.http.Api.as;
import static io.ccos.testing.http.Api.assertProblem;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ccos.contracts.problem.ProblemType;
import io.ccos.contracts.security.Roles;
import io.ccos.testing.auth.TestUser;
import io.ccos.testing.stack.IsolatedService;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(IsolatedService.class)
class UpstreamApiTest {

    private final String name = "fs-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void withoutTokenIs401() {
        assertProblem(anonymous().get("/api/v1/upstreams").then(), ProblemType.UNAUTHENTICATED);
    }

    @Test
    void developerCannotRegisterAndNobodyCannotRead() {
        Map<String, Object> server = Map.of("name", name, "transport", "streamable-http", "url", "https://mcp.example.com/mcp");
        assertProblem(as(TestUser.ACME, Roles.DEVELOPER).body(server).post("/api/v1/upstreams").then(), ProblemType.FORBIDDEN);
        assertProblem(as(TestUser.ACME, TestUser.NO_ROLE).get("/api/v1/upstreams").then(), ProblemType.FORBIDDEN);
    }

    @Test
    void onlyAPlatformAdminRegistersStdioServersAndOnlyItsTenantSeesThem() {
        Map<String, Object> server = Map.of("name", name, "transport", "stdio",
                "command", List.of("npx", "-y", "@modelcontextprotocol/server-filesystem", "/srv"));
        assertProblem(as(TestUser.ACME, Roles.TENANT_ADMIN).body(server).post("/api/v1/upstreams").then(), ProblemType.FORBIDDEN);
        String id = as(TestUser.ACME, Roles.PLATFORM_ADMIN).body(server).post("/api/v1/upstreams").then()
                .statusCode(201).body("transport", equalTo("stdio")).extract().path("id");

        as(TestUser.ACME, Roles.DEVELOPER).get("/api/v1/upstreams/" + id).then().statusCode(200)
                .body("command[2]", equalTo("@modelcontextprotocol/server-filesystem"));
        assertTrue(allPages(() -> as(TestUser.ACME, Roles.DEVELOPER), "/api/v1/upstreams").stream()
                .anyMatch(listed -> name.equals(listed.get("name"))), "the tenant's list shows " + name);
        assertProblem(as(TestUser.GLOBEX, Roles.TENANT_ADMIN).get("/api/v1/upstreams/" + id).then(), ProblemType.NOT_FOUND);
        assertProblem(as(TestUser.ACME, Roles.PLATFORM_ADMIN).body(server).post("/api/v1/upstreams").then(), ProblemType.CONFLICT);
    }

    @Test
    void inconsistentTargetsAreRejected() {
        assertProblem(as(TestUser.ACME, Roles.TENANT_ADMIN)
                .body(Map.of("name", name, "transport", "sse", "command", List.of("node", "server.js")))
                .post("/api/v1/upstreams").then(), ProblemType.VALIDATION);
        assertProblem(as(TestUser.ACME, Roles.TENANT_ADMIN)
                .body(Map.of("name", name, "transport", "streamable-http", "url", "file:///etc/passwd"))
                .post("/api/v1/upstreams").then(), ProblemType.VALIDATION);
        assertProblem(as(TestUser.ACME, Roles.TENANT_ADMIN)
                .body(Map.of("name", name, "transport", "carrier-pigeon", "url", "http://x"))
                .post("/api/v1/upstreams").then(), ProblemType.BAD_REQUEST);
        assertProblem(as(TestUser.ACME, Roles.TENANT_ADMIN).body(Map.of("name", name, "transport", "virtual"))
                .post("/api/v1/upstreams").then(), ProblemType.VALIDATION);
        assertProblem(as(TestUser.ACME, Roles.TENANT_ADMIN)
                .body(Map.of("name", name, "transport", "virtual", "url", "https://mcp.example.com/mcp", "tools", List.of(Map.of("server", "a", "tool", "b"))))
                .post("/api/v1/upstreams").then(), ProblemType.VALIDATION);
        assertProblem(as(TestUser.ACME, Roles.TENANT_ADMIN)
                .body(Map.of("name", name, "transport", "streamable-http", "url", "https://mcp.example.com/mcp", "tools", List.of(Map.of("server", "a", "tool", "b"))))
                .post("/api/v1/upstreams").then(), ProblemType.VALIDATION);
    }

    @Test
    void aVirtualServerIsRegisteredWithItsToolsAndShownWithThem() {
        String virtual = name + "-v";
        String id = as(TestUser.ACME, Roles.TENANT_ADMIN)
                .body(Map.of("name", virtual, "transport", "virtual", "tools", List.of(Map.of("server", "github", "tool", "create_issue"))))
                .post("/api/v1/upstreams").then().statusCode(201).extract().path("id");
        as(TestUser.ACME, Roles.DEVELOPER).get("/api/v1/upstreams/" + id).then().statusCode(200)
                .body("transport", org.hamcrest.Matchers.equalTo("virtual"))
                .body("tools[0].server", org.hamcrest.Matchers.equalTo("github")).body("tools[0].tool", org.hamcrest.Matchers.equalTo("create_issue"));
        as(TestUser.ACME, Roles.TENANT_ADMIN).delete("/api/v1/upstreams/" + id).then().statusCode(204);
    }

    /** A tenant cannot point the gateway at the hosts around it, nor leave credentials in a URL for all to read. */
    @Test
    void internalTargetsAndCredentialsInUrlsAreRefusedNamingTheField() {
        for (String url : List.of("http://127.0.0.1:3001/mcp", "http://169.254.169.254/latest/meta-data/", "http://localhost:8080/mcp",
                "http://10.0.0.7/mcp", "http://[::1]/mcp", "https://user:hunter2@mcp.example.com/mcp")) {
            assertProblem(as(TestUser.ACME, Roles.TENANT_ADMIN).body(Map.of("name", name, "transport", "streamable-http", "url", url))
                    .post("/api/v1/upstreams").then(), ProblemType.VALIDATION)
                    .body("errors[0].field", equalTo("url"))
                    .body("detail", not(containsString("hunter2")));
        }
        var created = as(TestUser.ACME, Roles.TENANT_ADMIN).header("Host", "attacker.example")
                .body(Map.of("name", name, "transport", "streamable-http", "url", "https://mcp.example.com/mcp"))
                .post("/api/v1/upstreams").then().statusCode(201).extract();
        // The Location is the request's own path, whatever Host the caller sent.
        assertEquals("/api/v1/upstreams/" + created.path("id"), created.header("Location"));
    }

    @Test
    void credentialsInAStdioArgvAreNotShown() {
        List<String> argv = List.of("node", "server.js", "--token", "hunter2", "--api-key=hunter3", "GITHUB_TOKEN=hunter4",
                "ghp_abcdefghijklmnopqrstuvwxyz0123", "--verbose", "/srv");
        String id = as(TestUser.ACME, Roles.PLATFORM_ADMIN).body(Map.of("name", name, "transport", "stdio", "command", argv))
                .post("/api/v1/upstreams").then().statusCode(201)
                .body(not(containsString("hunter"))).body(not(containsString("ghp_"))).extract().path("id");
        List<String> shown = as(TestUser.ACME, Roles.DEVELOPER).get("/api/v1/upstreams/" + id).then().statusCode(200).extract().path("command");
        assertEquals(List.of("node", "server.js", "--token", "****", "--api-key=****", "GITHUB_TOKEN=****", "****", "--verbose", "/srv"), shown);
    }

    @Test
    void aServerIsRemovedOnlyByItsTenantsWriters() {
        String id = as(TestUser.ACME, Roles.TENANT_ADMIN)
                .body(Map.of("name", name, "transport", "streamable-http", "url", "https://mcp.example.com/mcp"))
                .post("/api/v1/upstreams").then().statusCode(201).extract().path("id");
        assertProblem(as(TestUser.ACME, Roles.DEVELOPER).delete("/api/v1/upstreams/" + id).then(), ProblemType.FORBIDDEN);
        assertProblem(as(TestUser.GLOBEX, Roles.TENANT_ADMIN).delete("/api/v1/upstreams/" + id).then(), ProblemType.NOT_FOUND);
        as(TestUser.ACME, Roles.TENANT_ADMIN).delete("/api/v1/upstreams/" + id).then().statusCode(204);
        assertProblem(as(TestUser.ACME, Roles.DEVELOPER).get("/api/v1/upstreams/" + id).then(), ProblemType.NOT_FOUND);
        assertProblem(as(TestUser.ACME, Roles.TENANT_ADMIN).delete("/api/v1/upstreams/" + id).then(), ProblemType.NOT_FOUND);
    }

    /** Variables are write-only and per tenant: listed by name, never shown, another tenant's not there. */
    @Test
    void variablesAreSetListedByNameAndNeverShown() {
        String variable = "TOKEN_" + name.substring(3).toUpperCase(java.util.Locale.ROOT);
        String value = "ghp_" + "s3cr3tvalue".repeat(3);
        as(TestUser.ACME, Roles.TENANT_ADMIN).body(Map.of("value", value)).put("/api/v1/upstream-variables/" + variable).then()
                .statusCode(200).body("name", equalTo(variable)).body(not(containsString(value)));
        as(TestUser.ACME, Roles.TENANT_ADMIN).body(Map.of("value", value + "2")).put("/api/v1/upstream-variables/" + variable).then().statusCode(200);
        String listed = as(TestUser.ACME, Roles.DEVELOPER).get("/api/v1/upstream-variables").then().statusCode(200).extract().asString();
        assertTrue(listed.contains("\"" + variable + "\"") && !listed.contains("s3cr3t"), listed);
        assertTrue(!as(TestUser.GLOBEX, Roles.TENANT_ADMIN).get("/api/v1/upstream-variables").then().statusCode(200).extract().asString()
                .contains(variable), "another tenant's variables are not listed");
        assertProblem(as(TestUser.ACME, Roles.DEVELOPER).body(Map.of("value", "x")).put("/api/v1/upstream-variables/" + variable).then(),
                ProblemType.FORBIDDEN);
        assertProblem(as(TestUser.ACME, Roles.TENANT_ADMIN).body(Map.of("value", "x")).put("/api/v1/upstream-variables/1-not-a-name").then(),
                ProblemType.VALIDATION);
        assertProblem(as(TestUser.GLOBEX, Roles.TENANT_ADMIN).delete("/api/v1/upstream-variables/" + variable).then(), ProblemType.NOT_FOUND);
        as(TestUser.ACME, Roles.TENANT_ADMIN).delete("/api/v1/upstream-variables/" + variable).then().statusCode(204);
        assertProblem(as(TestUser.ACME, Roles.TENANT_ADMIN).delete("/api/v1/upstream-variables/" + variable).then(), ProblemType.NOT_FOUND);
    }

    /** env and headers are shown with their ${NAME} references and without literal credentials. */
    @Test
    void envAndHeadersAreShownWithoutLiteralCredentials() {
        String id = as(TestUser.ACME, Roles.TENANT_ADMIN).body(Map.of("name", name, "transport", "streamable-http",
                        "url", "https://mcp.example.com/${PATH_PART:-mcp}",
                        "headers", Map.of("Authorization", "Bearer ${GITHUB_TOKEN}", "X-Api-Key", "literal-key-123", "X-Team", "platform",
                                "X-Other", "ghp_abcdefghijklmnopqrstuvwxyz0123")))
                .post("/api/v1/upstreams").then().statusCode(201).extract().path("id");
        as(TestUser.ACME, Roles.DEVELOPER).get("/api/v1/upstreams/" + id).then().statusCode(200)
                .body("url", equalTo("https://mcp.example.com/${PATH_PART:-mcp}"))
                .body("headers.Authorization", equalTo("Bearer ${GITHUB_TOKEN}"))
                .body("headers.X-Team", equalTo("platform"))
                .body("headers.X-Api-Key", equalTo("****"))
                .body("headers.X-Other", equalTo("****"));
        assertProblem(as(TestUser.ACME, Roles.PLATFORM_ADMIN).body(Map.of("name", name + "-e", "transport", "streamable-http",
                "url", "https://mcp.example.com/mcp", "env", Map.of("A", "b"))).post("/api/v1/upstreams").then(), ProblemType.VALIDATION);
        as(TestUser.ACME, Roles.PLATFORM_ADMIN).delete("/api/v1/upstreams/" + id).then().statusCode(204);
    }

    /** A Claude Code .mcp.json is imported server by server, each answered as registering it alone would be. */
    @Test
    void anMcpJsonIsImportedServerByServer() {
        Map<String, Object> file = Map.of("mcpServers", new java.util.LinkedHashMap<>(Map.of(
                name + "-http", Map.of("type", "http", "url", "https://mcp.example.com/mcp", "headers", Map.of("Authorization", "Bearer ${TOKEN}"),
                        "timeout", 30000),
                name + "-files", Map.of("command", "npx", "args", List.of("-y", "@modelcontextprotocol/server-filesystem", "/srv"),
                        "env", Map.of("LOG_LEVEL", "info")),
                name + "-inside", Map.of("type", "sse", "url", "http://169.254.169.254/sse"),
                name + "-odd", Map.of("type", "websocket", "url", "wss://x"))));
        List<Map<String, Object>> imported = as(TestUser.ACME, Roles.PLATFORM_ADMIN).body(file).post("/api/v1/upstreams/import").then()
                .statusCode(200).extract().jsonPath().getList("$");
        Map<String, Integer> statuses = new java.util.HashMap<>();
        imported.forEach(result -> statuses.put((String) result.get("name"), (Integer) result.get("status")));
        assertEquals(Map.of(name + "-http", 201, name + "-files", 201, name + "-inside", 400, name + "-odd", 400), statuses, imported::toString);
        String files = (String) imported.stream().filter(result -> (name + "-files").equals(result.get("name"))).findFirst().orElseThrow().get("id");
        as(TestUser.ACME, Roles.DEVELOPER).get("/api/v1/upstreams/" + files).then().statusCode(200)
                .body("transport", equalTo("stdio")).body("command[0]", equalTo("npx")).body("command[3]", equalTo("/srv"))
                .body("env.LOG_LEVEL", equalTo("info"));
        List<Map<String, Object>> again = as(TestUser.ACME, Roles.PLATFORM_ADMIN).body(file).post("/api/v1/upstreams/import").then()
                .statusCode(200).extract().jsonPath().getList("$");
        assertTrue(again.stream().anyMatch(result -> (name + "-http").equals(result.get("name")) && Integer.valueOf(409).equals(result.get("status"))),
                again::toString);
        List<Map<String, Object>> byTenantAdmin = as(TestUser.ACME, Roles.TENANT_ADMIN).body(Map.of("mcpServers", Map.of(name + "-x",
                Map.of("command", "node", "args", List.of("x.js"))))).post("/api/v1/upstreams/import").then().statusCode(200)
                .extract().jsonPath().getList("$");
        assertEquals(403, byTenantAdmin.getFirst().get("status"), "a stdio server needs a platform admin, imported or not");
        imported.stream().filter(result -> result.get("id") != null)
                .forEach(result -> as(TestUser.ACME, Roles.PLATFORM_ADMIN).delete("/api/v1/upstreams/" + result.get("id")).then().statusCode(204));
    }
}
