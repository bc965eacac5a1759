package io.ccos.systemtests.gateway;

import static io.ccos.systemtests.gateway.GatewayFixtures.developerToken;
import static io.ccos.systemtests.gateway.GatewayFixtures.initialize;
import static io.ccos.systemtests.gateway.GatewayFixtures.json;
import static io.ccos.systemtests.gateway.GatewayFixtures.post;
import static io.ccos.systemtests.gateway.GatewayFixtures.request;
import static io.ccos.systemtests.gateway.GatewayFixtures.text;
import static io.ccos.testing.http.Api.as;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.ccos.contracts.security.Roles;
import io.ccos.testing.auth.TestUser;
import io.ccos.testing.auth.Tokens;
import io.ccos.testing.mcp.EverythingServer;
import io.ccos.testing.stack.ServiceReplica;
import io.ccos.testing.stack.Stack;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The gateway protects itself and its upstreams: a circuit breaker per upstream refuses calls at once while
 * the upstream keeps failing and lets them through again once it is back; a tenant that sends more than its
 * rate limit gets a JSON-RPC error saying when to try again. A replica of its own runs with small limits.
 */
class UpstreamResilienceTest {

    private static final String MARKER = UUID.randomUUID().toString().substring(0, 8);
    private static final String FLAKY = "cb-" + MARKER;
    private static final int FLAKY_PORT = Stack.freePort();

    private static ServiceReplica replica;
    private static EverythingServer upstream;
    private static final List<String> REGISTERED = new ArrayList<>();

    @BeforeAll
    static void startReplica() throws Exception {
        replica = ServiceReplica.start(Stack.repositoryRoot(), "mcp-gateway", "mcp-gateway-limits", Stack.freePort(), Map.of(
                "ccos.outbound.allowed-private-targets", "127.0.0.1/32",
                "ccos.gateway.upstream.circuit-breaker.request-volume", "4",
                "ccos.gateway.upstream.circuit-breaker.failure-ratio", "0.5",
                "ccos.gateway.upstream.circuit-breaker.delay", "2s",
                "ccos.gateway.upstream.restart.initial-backoff", "20ms",
                "ccos.gateway.upstream.restart.max-backoff", "100ms",
                "ccos.gateway.limits.tenant-requests-per-second", "10",
                "ccos.gateway.limits.tenant-concurrent-requests", "2",
                "ccos.gateway.upstream.health.interval", "300ms",
                "ccos.gateway.upstream.health.timeout", "2s"));
        // Nothing listens on the port yet: the upstream is down.
        REGISTERED.add(GatewayFixtures.registerHttp(replica.url(), FLAKY, "http://127.0.0.1:" + FLAKY_PORT + "/mcp"));
    }

    @AfterAll
    static void stop() {
        REGISTERED.forEach(id -> GatewayFixtures.remove(Stack.serviceUrl("mcp-gateway"), id));
        if (replica != null) {
            replica.close();
        }
        if (upstream != null) {
            upstream.close();
        }
    }

    @Test
    void aFailingUpstreamIsRefusedAtOnceUntilItIsBack() throws Exception {
        String endpoint = replica.url() + "/mcp";
        String token = developerToken();
        String session = initialize(endpoint, token);
        List<String> errors = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode answer = json(post(endpoint, token, session, echo(errors.size())));
            errors.add(answer.path("error").path("message").asText(answer.toString()));
            assertTrue(errors.getLast().contains("circuit breaker open"), errors::toString);
        });
        assertTrue(errors.getFirst().contains("could not be reached"), () -> "the first calls reach for the upstream: " + errors);
        assertEquals(JsonRpcErrorCodes.UNAVAILABLE, json(post(endpoint, token, session, echo(99))).path("error").path("code").asInt(),
                "refused while open");

        upstream = EverythingServer.startHttp(FLAKY_PORT);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode answer = json(post(endpoint, token, session, echo(100)));
            assertEquals("Echo: back " + MARKER, text(answer.path("result")), answer::toString);
        });
    }

    @Test
    void aTenantWithAsManyRequestsInFlightAsItMayHaveIsToldTheGatewayIsBusy() throws Exception {
        String slow = "slow-" + MARKER;
        REGISTERED.add(GatewayFixtures.registerStdio(replica.url(), slow, EverythingServer.stdioCommand(MARKER + "-slow")));
        String endpoint = replica.url() + "/servers/" + slow + "/mcp";
        String token = developerToken();
        String session = initialize(endpoint, token);
        List<StreamedCall> running = new ArrayList<>();
        try {
            for (int call = 0; call < 2; call++) {
                StreamedCall longCall = StreamedCall.post(endpoint, token, session, request("long-" + call, "tools/call", Map.of(
                        "name", "trigger-long-running-operation", "arguments", Map.of("duration", 3, "steps", 3), "_meta", Map.of("progressToken", call))));
                running.add(longCall);
                longCall.next(message -> "notifications/progress".equals(message.path("method").asText()), Duration.ofSeconds(30));
            }
            Map<String, Object> echo = request(3, "tools/call", Map.of("name", "echo", "arguments", Map.of("message", "after")));
            JsonNode busy = json(post(endpoint, token, session, echo));
            assertEquals(JsonRpcErrorCodes.BUSY, busy.path("error").path("code").asInt(), busy::toString);
            assertTrue(busy.path("error").path("message").asText().contains("2 MCP requests in flight"), busy::toString);
            for (StreamedCall longCall : running) {
                longCall.next(message -> message.has("result"), Duration.ofSeconds(30));
            }
            assertEquals("Echo: after", text(json(post(endpoint, token, session, echo)).path("result")), "served once they are answered");
        } finally {
            running.forEach(StreamedCall::close);
        }
    }

    @Test
    void aTenantBeyondItsRateLimitIsToldWhenToTryAgain() throws Exception {
        String endpoint = replica.url() + "/mcp";
        String token = Tokens.of(TestUser.ACME, Roles.DEVELOPER); // another tenant than the breaker's calls
        String session = initialize(endpoint, token);
        JsonNode limited = null;
        for (int i = 0; i < 40 && limited == null; i++) {
            JsonNode answer = json(post(endpoint, token, session, request(i + 2, "ping", null)));
            if (answer.has("error")) {
                limited = answer.path("error");
            }
        }
        assertTrue(limited != null, "40 pings at once were all answered with a limit of 10 per second");
        assertEquals(JsonRpcErrorCodes.RATE_LIMITED, limited.path("code").asInt(), limited::toString);
        assertTrue(limited.path("message").asText().contains("more than 10 MCP requests per second"), limited::toString);
        assertTrue(limited.path("data").path("retryAfterMs").asLong() > 0, limited::toString);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertTrue(json(post(endpoint, token, session, request(1000, "ping", null))).has("result"), "served again in the next window"));
    }

    @Test
    void eachConnectedUpstreamIsPingedAndItsHealthIsAStatusAndAGauge() throws Exception {
        String server = "hp-" + MARKER;
        EverythingServer pinged = EverythingServer.startHttp();
        String id = GatewayFixtures.registerHttp(replica.url(), server, pinged.url());
        REGISTERED.add(id);
        try {
            assertEquals("idle", status(id).path("status").path("state").asText(), "not used on this replica yet: not connected");
            String endpoint = replica.url() + "/mcp";
            String token = developerToken();
            String session = initialize(endpoint, token);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertEquals("Echo: pinged",
                    text(json(post(endpoint, token, session, request(2, "tools/call", Map.of("name", server + "__echo",
                            "arguments", Map.of("message", "pinged"))))).path("result"))));
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                JsonNode status = status(id);
                assertEquals("up", status.path("status").path("state").asText(), status::toString);
                assertTrue(status.path("status").path("lastPing").isTextual() && status.path("status").path("pingMillis").asLong(-1) >= 0, status::toString);
                assertEquals(server, status.path("name").asText());
                assertTrue(healthGauge(server).endsWith(" 1.0"), () -> healthGauge(server));
            });

            pinged.close();
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                JsonNode status = status(id);
                assertEquals("down", status.path("status").path("state").asText(), status::toString);
                assertTrue(status.path("status").path("lastError").asText().contains("ping failed"), status::toString);
                assertTrue(healthGauge(server).endsWith(" 0.0"), () -> healthGauge(server));
            });
            as(TestUser.ACME, Roles.TENANT_ADMIN).baseUri(replica.url()).get("/api/v1/upstreams/" + id + "/status").then().statusCode(404);
        } finally {
            pinged.close();
        }
    }

    private static JsonNode status(String id) throws Exception {
        return GatewayFixtures.JSON.readTree(as(TestUser.GLOBEX, Roles.DEVELOPER).baseUri(replica.url())
                .get("/api/v1/upstreams/" + id + "/status").then().statusCode(200).extract().asString());
    }

    /** The mcp_server_health line of the server, as Prometheus scrapes it. */
    private static String healthGauge(String server) {
        String metrics = as(TestUser.GLOBEX, Roles.PLATFORM_ADMIN).baseUri(replica.url()).get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(line -> line.startsWith("mcp_server_health{") && line.contains("server=\"" + server + "\""))
                .findFirst().orElse("no mcp_server_health line for " + server);
    }

    private static Map<String, Object> echo(int id) {
        return request(id + 2, "tools/call", Map.of("name", FLAKY + "__echo", "arguments", Map.of("message", "back " + MARKER)));
    }

    /** The gateway's own JSON-RPC codes, as a client sees them. */
    private static final class JsonRpcErrorCodes {
        static final int UNAVAILABLE = -32000;
        static final int RATE_LIMITED = -32004;
        static final int BUSY = -32003;
    }
}
