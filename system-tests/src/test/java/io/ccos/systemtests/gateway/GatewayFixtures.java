package io.ccos.systemtests.gateway;

import static io.ccos.testing.http.Api.as;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ccos.contracts.security.Roles;
import io.ccos.testing.auth.TestUser;
import io.ccos.testing.auth.Tokens;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the gateway tests do again and again (tenant globex). */
final class GatewayFixtures {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String SESSION_HEADER = "Mcp-Session-Id";

    private GatewayFixtures() {
    }

    /** Registers a stdio server (a platform admin's right) through the gateway at {@code baseUri}; answers its id. */
    static String registerStdio(String baseUri, String name, List<String> command) {
        return register(baseUri, Map.of("name", name, "transport", "stdio", "command", command));
    }

    static String registerHttp(String baseUri, String name, String url) {
        return register(baseUri, Map.of("name", name, "transport", "streamable-http", "url", url));
    }

    /** Registers any registration (a platform admin's right) through the gateway at {@code baseUri}; answers its id. */
    static String register(String baseUri, Map<String, Object> registration) {
        return as(TestUser.GLOBEX, Roles.PLATFORM_ADMIN).baseUri(baseUri).contentType(ContentType.JSON).body(registration)
                .post("/api/v1/upstreams").then().statusCode(201).header("Location", startsWith("/api/v1/upstreams/"))
                .extract().path("id");
    }

    /** Removes a registration (a test's servers do not outlive it: their processes stop). */
    static void remove(String baseUri, String id) {
        if (id != null) {
            as(TestUser.GLOBEX, Roles.PLATFORM_ADMIN).baseUri(baseUri).delete("/api/v1/upstreams/" + id).then().statusCode(204);
        }
    }

    static String developerToken() {
        return Tokens.of(TestUser.GLOBEX, Roles.DEVELOPER);
    }

    /** A JSON-RPC request as raw HTTP, for what an SDK client would never send. */
    static Response post(String endpoint, String token, String sessionId, Object message) {
        var request = RestAssured.given().contentType(ContentType.JSON).accept("application/json, text/event-stream").body(message);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (sessionId != null) {
            request.header(SESSION_HEADER, sessionId);
        }
        return request.post(endpoint);
    }

    static Map<String, Object> request(Object id, String method, Map<String, Object> params) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("jsonrpc", "2.0");
        message.put("id", id);
        message.put("method", method);
        if (params != null) {
            message.put("params", params);
        }
        return message;
    }

    /** The session-based handshake; answers the session id. */
    static String initialize(String endpoint, String token) {
        return post(endpoint, token, null, request(1, "initialize", Map.of("protocolVersion", "2025-11-25", "capabilities", Map.of(),
                "clientInfo", Map.of("name", "ccos-system-test", "version", "1"))))
                .then().statusCode(200).extract().header(SESSION_HEADER);
    }

    /** The text of a CallToolResult's first content. */
    static String text(JsonNode callToolResult) {
        return callToolResult.path("content").path(0).path("text").asText();
    }

    static JsonNode json(Response response) throws java.io.IOException {
        return JSON.readTree(response.asString());
    }
}
