package io.ccos.systemtests.gateway;

import static io.ccos.systemtests.gateway.GatewayFixtures.developerToken;
import static io.ccos.systemtests.gateway.GatewayFixtures.initialize;
import static io.ccos.systemtests.gateway.GatewayFixtures.json;
import static io.ccos.systemtests.gateway.GatewayFixtures.post;
import static io.ccos.systemtests.gateway.GatewayFixtures.request;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.ccos.testing.mcp.EverythingServer;
import io.ccos.testing.stack.Stack;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What MCP's transport and JSON-RPC say the gateway must answer to messages an SDK would never send, to
 * clients of the stateless revision, and to callers without a token.
 */
class McpProtocolEdgeTest {

    private static final String GATEWAY = Stack.serviceUrl("mcp-gateway");
    private static String endpoint;
    private static String registration;

    @BeforeAll
    static void registerServer() {
        String server = "edge-" + UUID.randomUUID().toString().substring(0, 8);
        registration = GatewayFixtures.registerStdio(GATEWAY, server, EverythingServer.stdioCommand(server));
        endpoint = GATEWAY + "/servers/" + server + "/mcp";
    }

    @AfterAll
    static void removeServer() {
        GatewayFixtures.remove(GATEWAY, registration);
    }

    @Test
    void malformedMessagesGetJsonRpcErrorsAndTheConnectionStaysUsable() throws Exception {
        String token = developerToken();
        String session = initialize(endpoint, token);
        Map<String, Integer> codes = Map.of(
                "{\"jsonrpc\":\"2.0\",\"id\":1,", -32700,                               // not JSON
                "[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}]", -32600,        // a batch
                "{\"jsonrpc\":\"2.0\",\"id\":null,\"method\":\"ping\"}", -32600,       // a null id
                "{\"jsonrpc\":\"2.0\",\"id\":{\"a\":1},\"method\":\"ping\"}", -32600,  // an object id
                "{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"ping\"}", -32600,          // not 2.0
                "{\"jsonrpc\":\"2.0\",\"id\":1}", -32600,                              // neither request nor response
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":[1]}", -32600);
        for (var message : codes.entrySet()) {
            JsonNode answer = json(RestAssured.given().contentType(ContentType.JSON).header("Authorization", "Bearer " + token)
                    .header(GatewayFixtures.SESSION_HEADER, session).body(message.getKey()).post(endpoint).then().statusCode(400).extract().response());
            assertEquals(message.getValue(), answer.path("error").path("code").asInt(), () -> message.getKey() + " -> " + answer);
            assertTrue(answer.path("error").path("message").asText().length() > 10, () -> "a useful message: " + answer);
        }
        JsonNode unknownMethod = json(post(endpoint, token, session, request("string-id", "no/such/method", null)));
        assertEquals(-32601, unknownMethod.path("error").path("code").asInt(), unknownMethod::toString);
        assertEquals("string-id", unknownMethod.path("id").asText(), "the id is answered as it came");
        JsonNode bigId = json(post(endpoint, token, session, request(9007199254740993L, "ping", null)));
        assertEquals("9007199254740993", bigId.path("id").asText());
        JsonNode badParams = json(post(endpoint, token, session, request(3, "tools/call", Map.of("arguments", Map.of()))));
        assertEquals(-32602, badParams.path("error").path("code").asInt(), badParams::toString);
        // Still usable after all of it.
        assertTrue(json(post(endpoint, token, session, request(4, "tools/list", null))).path("result").has("tools"));
    }

    @Test
    void notificationsAndResponsesAreAcceptedWithoutABody() {
        String token = developerToken();
        String session = initialize(endpoint, token);
        post(endpoint, token, session, Map.of("jsonrpc", "2.0", "method", "notifications/initialized")).then().statusCode(202);
        post(endpoint, token, session, Map.of("jsonrpc", "2.0", "id", 5, "result", Map.of())).then().statusCode(202);
    }

    @Test
    void sessionsAreCheckedAsTheTransportSays() {
        String token = developerToken();
        post(endpoint, token, null, request(1, "tools/list", null)).then().statusCode(400)
                .body("error.message", containsString("Mcp-Session-Id is missing"));
        post(endpoint, token, "not-a-session", request(1, "tools/list", null)).then().statusCode(404);
        String session = initialize(endpoint, token);
        String forged = session.substring(0, session.length() - 4) + (session.endsWith("AAAA") ? "BBBB" : "AAAA");
        post(endpoint, token, forged, request(1, "tools/list", null)).then().statusCode(404);
        // Another user's token with this session id: not theirs.
        post(endpoint, io.ccos.testing.auth.Tokens.of("globex", "tenant-admin"), session, request(1, "tools/list", null)).then().statusCode(404);
        // The session belongs to its endpoint.
        post(GATEWAY + "/mcp", token, session, request(1, "tools/list", null)).then().statusCode(404);
        // The GET stream is a session's; the stateless revision has none.
        RestAssured.given().header("Authorization", "Bearer " + token).accept("text/event-stream").get(endpoint).then().statusCode(405)
                .header("Allow", "POST");
        RestAssured.given().header("Authorization", "Bearer " + token).accept("application/json").get(endpoint).then().statusCode(406);
    }

    @Test
    void statelessClientsDiscoverAndCallWithoutASession() throws Exception {
        String token = developerToken();
        Map<String, Object> meta = Map.of("_meta", Map.of("io.modelcontextprotocol/protocolVersion", "2026-07-28",
                "io.modelcontextprotocol/clientCapabilities", Map.of()));
        stateless(token, "2026-07-28", request(1, "server/discover", meta)).then().statusCode(200)
                .body("result.supportedVersions", hasItems("2026-07-28", "2025-11-25", "2025-06-18", "2025-03-26"))
                .body("result.resultType", equalTo("complete"))
                .body("result._meta.'io.modelcontextprotocol/serverInfo'.name", equalTo("mcp-servers/everything"))
                .body("result.capabilities.tools", org.hamcrest.Matchers.notNullValue());
        JsonNode echo = json(stateless(token, "2026-07-28", request(2, "tools/call", Map.of("name", "echo", "arguments",
                Map.of("message", "stateless"), "_meta", meta.get("_meta")))));
        assertEquals("Echo: stateless", GatewayFixtures.text(echo.path("result")), echo::toString);
        assertEquals("complete", echo.path("result").path("resultType").asText());
        stateless(token, "2026-07-28", request(3, "tools/list", meta)).then().statusCode(200)
                .body("result.ttlMs", equalTo(0)).body("result.cacheScope", equalTo("private"));
    }

    @Test
    void aStatelessRequestIsCheckedAsItsRevisionSays() {
        String token = developerToken();
        Map<String, Object> meta = Map.of("_meta", Map.of("io.modelcontextprotocol/protocolVersion", "2026-07-28",
                "io.modelcontextprotocol/clientCapabilities", Map.of()));
        post(endpoint, token, null, request(1, "tools/list", meta)).then().statusCode(400)
                .body("error.code", equalTo(-32020)).body("error.message", containsString("MCP-Protocol-Version"));
        stateless(token, "2026-07-28", request(2, "tools/list", Map.of("_meta", Map.of("io.modelcontextprotocol/protocolVersion", "2026-07-28"))))
                .then().statusCode(400).body("error.code", equalTo(-32602)).body("error.message", containsString("clientCapabilities"));
        stateless(token, "2026-07-28", request(3, "tools/list", Map.of("_meta", Map.of("io.modelcontextprotocol/protocolVersion", "2025-11-25",
                "io.modelcontextprotocol/clientCapabilities", Map.of())))).then().statusCode(400).body("error.code", equalTo(-32020));
        stateless(token, "2024-01-01", request(4, "tools/list", meta)).then().statusCode(400)
                .body("error.code", equalTo(-32022)).body("error.data.requested", equalTo("2024-01-01"))
                .body("error.data.supported", hasItems("2026-07-28", "2025-11-25"));
        stateless(token, "2026-07-28", request(5, "ping", meta)).then().statusCode(404).body("error.code", equalTo(-32601));
        stateless(token, "2026-07-28", request(6, "no/such-method", meta)).then().statusCode(404).body("error.code", equalTo(-32601));
        RestAssured.given().contentType(ContentType.JSON).header("Authorization", "Bearer " + token).header("MCP-Protocol-Version", "2026-07-28")
                .header("Mcp-Method", "prompts/list").body(request(7, "tools/list", meta)).post(endpoint)
                .then().statusCode(400).body("error.code", equalTo(-32020)).body("error.message", containsString("Mcp-Method"));
    }

    private Response stateless(String token, String version, Object message) {
        return RestAssured.given().contentType(ContentType.JSON).accept("application/json, text/event-stream")
                .header("Authorization", "Bearer " + token).header("MCP-Protocol-Version", version).body(message).post(endpoint);
    }

    @Test
    void aCallerWithoutATokenIsToldWhereToGetOne() {
        String challenge = RestAssured.given().contentType(ContentType.JSON).body(request(1, "ping", null)).post(endpoint)
                .then().statusCode(401).extract().header("WWW-Authenticate");
        assertTrue(challenge.startsWith("Bearer ") && challenge.contains("resource_metadata=\""), challenge);
        String metadataUrl = challenge.substring(challenge.indexOf("resource_metadata=\"") + 19, challenge.lastIndexOf('"'));
        RestAssured.get(metadataUrl).then().statusCode(200)
                .body("resource", equalTo(endpoint))
                .body("authorization_servers", equalTo(List.of(Stack.realmUrl())));
        // A hook key is a credential for hook decisions only.
        RestAssured.given().contentType(ContentType.JSON).header("Authorization", "Bearer ccoshk_x.y").body(request(1, "ping", null)).post(endpoint)
                .then().statusCode(401);
    }

    @Test
    void aBrowserPageOfAnotherOriginIsRefused() {
        post(endpoint, developerToken(), null, request(1, "ping", null)).then().statusCode(400);
        RestAssured.given().contentType(ContentType.JSON).header("Authorization", "Bearer " + developerToken())
                .header("Origin", "http://evil.example").body(request(1, "ping", null)).post(endpoint)
                .then().statusCode(403).body("error.message", containsString("Origin"));
    }
}
