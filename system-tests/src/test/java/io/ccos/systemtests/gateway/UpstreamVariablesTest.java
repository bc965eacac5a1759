package io.ccos.systemtests.gateway;

import static io.ccos.systemtests.gateway.GatewayFixtures.developerToken;
import static io.ccos.systemtests.gateway.GatewayFixtures.initialize;
import static io.ccos.systemtests.gateway.GatewayFixtures.json;
import static io.ccos.systemtests.gateway.GatewayFixtures.post;
import static io.ccos.systemtests.gateway.GatewayFixtures.request;
import static io.ccos.systemtests.gateway.GatewayFixtures.text;
import static io.ccos.testing.http.Api.as;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.ccos.contracts.security.Roles;
import io.ccos.testing.auth.TestUser;
import io.ccos.testing.mcp.EverythingServer;
import io.ccos.testing.stack.Stack;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A registration names the tenant's variables as ${NAME} (Claude Code's .mcp.json syntax): the stdio server
 * gets their values in its environment, a change reaches it without a restart of the gateway, and a server
 * whose variable is not set is refused with the variable's name. The suite's own gateway serves it.
 */
class UpstreamVariablesTest {

    private static final String MARKER = UUID.randomUUID().toString().substring(0, 8);
    private static final String VARIABLE = "CCOS_TEST_" + MARKER.toUpperCase(Locale.ROOT);
    private static final String GATEWAY = Stack.serviceUrl("mcp-gateway");
    private static final List<String> REGISTERED = new ArrayList<>();

    @AfterAll
    static void removeRegistrationsAndVariable() {
        REGISTERED.forEach(id -> GatewayFixtures.remove(GATEWAY, id));
        as(TestUser.GLOBEX, Roles.TENANT_ADMIN).baseUri(GATEWAY).delete("/api/v1/upstream-variables/" + VARIABLE);
    }

    @Test
    void aStdioServerGetsTheTenantsVariablesAndTheirChanges() throws Exception {
        setVariable("first-" + MARKER);
        String server = "var-" + MARKER;
        REGISTERED.add(register(server, Map.of("SERVICE_TOKEN", "${" + VARIABLE + "}", "WITH_DEFAULT", "${UNSET_" + MARKER.toUpperCase(Locale.ROOT) + ":-fallback}")));
        String endpoint = GATEWAY + "/servers/" + server + "/mcp";
        String token = developerToken();
        String session = initialize(endpoint, token);
        String env = environment(endpoint, token, session);
        assertTrue(env.contains("\"SERVICE_TOKEN\": \"first-" + MARKER + "\"") && env.contains("\"WITH_DEFAULT\": \"fallback\""), env);
        assertTrue(!GatewayFixtures.JSON.writeValueAsString(as(TestUser.GLOBEX, Roles.DEVELOPER).baseUri(GATEWAY).get("/api/v1/upstreams/" + REGISTERED.getFirst())
                .then().statusCode(200).extract().as(Map.class)).contains("first-" + MARKER), "the API shows the reference, not the value");

        setVariable("second-" + MARKER);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String changed = environment(endpoint, token, initialize(endpoint, token));
            assertTrue(changed.contains("\"SERVICE_TOKEN\": \"second-" + MARKER + "\""), changed);
        });
    }

    @Test
    void aServerWhoseVariableIsNotSetIsRefusedNamingIt() throws Exception {
        String missing = "MISSING_" + MARKER.toUpperCase(Locale.ROOT);
        String server = "novar-" + MARKER;
        REGISTERED.add(register(server, Map.of("SERVICE_TOKEN", "${" + missing + "}")));
        String endpoint = GATEWAY + "/mcp";
        String token = developerToken();
        String session = initialize(endpoint, token);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode answer = json(post(endpoint, token, session, request(2, "tools/call", Map.of("name", server + "__echo", "arguments", Map.of("message", "x")))));
            assertTrue(answer.path("error").path("message").asText().contains("needs the variable " + missing + ", which your organization has not set"),
                    answer::toString);
        });
    }

    private static void setVariable(String value) {
        as(TestUser.GLOBEX, Roles.TENANT_ADMIN).baseUri(GATEWAY).contentType(ContentType.JSON).body(Map.of("value", value))
                .put("/api/v1/upstream-variables/" + VARIABLE).then().statusCode(200);
    }

    private static String register(String name, Map<String, String> env) {
        return as(TestUser.GLOBEX, Roles.PLATFORM_ADMIN).baseUri(GATEWAY).contentType(ContentType.JSON)
                .body(Map.of("name", name, "transport", "stdio", "command", EverythingServer.stdioCommand(MARKER), "env", env))
                .post("/api/v1/upstreams").then().statusCode(201).extract().path("id");
    }

    /** server-everything's get-env tool: the environment its process runs with, as JSON text. */
    private static String environment(String endpoint, String token, String session) throws Exception {
        JsonNode answer = json(post(endpoint, token, session, request(3, "tools/call", Map.of("name", "get-env", "arguments", Map.of()))));
        assertTrue(answer.has("result"), answer::toString);
        return text(answer.path("result"));
    }
}
