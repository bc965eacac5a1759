package io.ccos.testing.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ccos.testing.stack.Stack;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Access tokens from the real Keycloak: password grant on the public {@code ccos-cli} client for test users,
 * client credentials for the services' own clients. Tokens are reused until shortly before they expire.
 */
public final class Tokens {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Map<String, Token> CACHE = new ConcurrentHashMap<>();

    private Tokens() {
    }

    public static String of(TestUser user) {
        return cached("user:" + user.username(), () -> Map.of("grant_type", "password", "client_id", "ccos-cli",
                "username", user.username(), "password", TestUser.PASSWORD));
    }

    public static String of(String tenant, String role) {
        return of(TestUser.of(tenant, role));
    }

    /** A client-credentials token of a service's Keycloak client (dev secret: {@code <client>-dev-secret}). */
    public static String ofService(String clientId) {
        return cached("service:" + clientId, () -> Map.of("grant_type", "client_credentials", "client_id", clientId,
                "client_secret", clientId + "-dev-secret"));
    }

    /** An OpenID Connect ID token of a test user: what ccos must refuse as a bearer credential. */
    public static String idToken(TestUser user) {
        return issue(Map.of("grant_type", "password", "client_id", "ccos-cli", "username", user.username(),
                "password", TestUser.PASSWORD, "scope", "openid")).path("id_token").asText();
    }

    /** An access token of a test user issued to another client of the realm (not for the ccos API). */
    public static String ofOtherClient(String clientId, TestUser user) {
        return issue(Map.of("grant_type", "password", "client_id", clientId, "username", user.username(),
                "password", TestUser.PASSWORD)).path("access_token").asText();
    }

    private static String cached(String key, java.util.function.Supplier<Map<String, String>> form) {
        Token token = CACHE.get(key);
        if (token == null || Instant.now().isAfter(token.expires())) {
            token = request(form.get());
            CACHE.put(key, token);
        }
        return token.value();
    }

    private static Token request(Map<String, String> form) {
        JsonNode json = issue(form);
        Instant expires = Instant.now().plusSeconds(json.path("expires_in").asLong(60) - 30);
        return new Token(json.path("access_token").asText(), expires);
    }

    private static JsonNode issue(Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(Stack.realmUrl() + "/protocol/openid-connect/token"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("Keycloak refused a token (" + response.statusCode() + "): " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("Keycloak at " + Stack.realmUrl() + " is unreachable; run ./suite up", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private record Token(String value, Instant expires) {
    }
}
