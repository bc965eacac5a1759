package io.ccos.systemtests.gateway;

import static io.ccos.testing.http.Api.as;
import static io.ccos.testing.mcp.McpSdkClient.step;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.ccos.contracts.security.Roles;
import io.ccos.testing.auth.TestUser;
import io.ccos.testing.auth.Tokens;
import io.ccos.testing.mcp.EverythingServer;
import io.ccos.testing.mcp.McpSdkClient;
import io.ccos.testing.stack.Stack;
import io.restassured.http.ContentType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A server's access rules: developers may use its echo tool only, tenant admins every tool, and an agent
 * none: a tool a caller may not use is neither listed nor callable, and a server it may not use is not there.
 */
class ToolAccessTest {

    private static final String GATEWAY = Stack.serviceUrl("mcp-gateway");
    private static final String SERVER = "acl-" + UUID.randomUUID().toString().substring(0, 8);
    private static String registration;

    @BeforeAll
    static void register() {
        registration = as(TestUser.GLOBEX, Roles.PLATFORM_ADMIN).baseUri(GATEWAY).contentType(ContentType.JSON)
                .body(Map.of("name", SERVER, "transport", "stdio", "command", EverythingServer.stdioCommand(SERVER),
                        "access", List.of(Map.of("tools", List.of("echo"), "roles", List.of(Roles.DEVELOPER)),
                                Map.of("roles", List.of(Roles.TENANT_ADMIN)))))
                .post("/api/v1/upstreams").then().statusCode(201).header("Location", startsWith("/api/v1/upstreams/"))
                .extract().path("id");
    }

    @AfterAll
    static void remove() {
        GatewayFixtures.remove(GATEWAY, registration);
    }

    @Test
    void aDeveloperSeesAndCallsOnlyTheToolsItsRulesGive() throws Exception {
        JsonNode session = McpSdkClient.run(GATEWAY + "/servers/" + SERVER + "/mcp", Tokens.of(TestUser.GLOBEX, Roles.DEVELOPER), List.of(
                step("listTools"),
                step("callTool", "name", "echo", "arguments", Map.of("message", "allowed")),
                step("callTool", "name", "get-sum", "arguments", Map.of("a", 1, "b", 2))));
        assertFalse(session.has("connectError"), session::toString);
        assertEquals(List.of("echo"), names(session.path("results").path(0).path("ok").path("tools")));
        assertEquals("Echo: allowed", GatewayFixtures.text(session.path("results").path(1).path("ok")));
        JsonNode refused = session.path("results").path(2);
        assertTrue(refused.path("error").asText().contains("Unknown tool: get-sum"), refused::toString);

        JsonNode aggregate = McpSdkClient.run(GATEWAY + "/mcp", Tokens.of(TestUser.GLOBEX, Roles.DEVELOPER), List.of(step("listTools")));
        List<String> tools = names(aggregate.path("results").path(0).path("ok").path("tools"));
        assertTrue(tools.contains(SERVER + "__echo") && !tools.contains(SERVER + "__get-sum"), tools::toString);
    }

    @Test
    void aTenantAdminUsesEveryTool() throws Exception {
        JsonNode session = McpSdkClient.run(GATEWAY + "/servers/" + SERVER + "/mcp", Tokens.of(TestUser.GLOBEX, Roles.TENANT_ADMIN), List.of(
                step("listTools"), step("callTool", "name", "get-sum", "arguments", Map.of("a", 1, "b", 2))));
        assertTrue(names(session.path("results").path(0).path("ok").path("tools")).containsAll(List.of("echo", "get-sum")));
        assertTrue(GatewayFixtures.text(session.path("results").path(1).path("ok")).contains("3"), session::toString);
    }

    @Test
    void aCallerNoRuleMatchesDoesNotSeeTheServer() throws Exception {
        String agent = Tokens.of(TestUser.GLOBEX, Roles.AGENT);
        GatewayFixtures.post(GATEWAY + "/servers/" + SERVER + "/mcp", agent, null, GatewayFixtures.request(1, "initialize",
                Map.of("protocolVersion", "2025-11-25", "capabilities", Map.of(), "clientInfo", Map.of("name", "t", "version", "1"))))
                .then().statusCode(404);
        JsonNode aggregate = McpSdkClient.run(GATEWAY + "/mcp", agent, List.of(step("listTools")));
        assertTrue(names(aggregate.path("results").path(0).path("ok").path("tools")).stream().noneMatch(name -> name.startsWith(SERVER + "__")),
                aggregate::toString);
        // Another tenant's admin does not see it either.
        GatewayFixtures.post(GATEWAY + "/servers/" + SERVER + "/mcp", Tokens.of(TestUser.ACME, Roles.TENANT_ADMIN), null,
                GatewayFixtures.request(1, "ping", null)).then().statusCode(404);
    }

    private static List<String> names(JsonNode list) {
        List<String> names = new ArrayList<>();
        list.forEach(item -> names.add(item.path("name").asText()));
        return names;
    }
}
