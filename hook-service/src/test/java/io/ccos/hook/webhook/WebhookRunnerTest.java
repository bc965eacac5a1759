package io.ccos.hook.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.ccos.platform.outbound.OutboundConfig;
import io.ccos.platform.outbound.OutboundUrlPolicy;
import io.ccos.policy.decision.HookResult;
import io.ccos.policy.decision.PermissionDecision;
import io.ccos.policy.event.HookInput;
import io.ccos.policy.registry.FailMode;
import io.ccos.policy.registry.Hook;
import io.ccos.policy.registry.HookHandler;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Webhooks: signed, read like command hooks' JSON, and refused when they point inside the network. */
class WebhookRunnerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "a-webhook-secret-of-some-length";

    private HttpServer receiver;
    private final AtomicReference<String> signature = new AtomicReference<>();
    private final AtomicReference<byte[]> body = new AtomicReference<>();

    record Outbound(Optional<List<String>> allowedPrivateTargets) implements OutboundConfig {
        @Override
        public List<String> allowedSchemes() {
            return List.of("http", "https");
        }
    }

    @BeforeEach
    void start() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hook", exchange -> {
            signature.set(exchange.getRequestHeaders().getFirst(WebhookRunner.SIGNATURE_HEADER));
            body.set(exchange.getRequestBody().readAllBytes());
            byte[] answer = """
                    {"hookSpecificOutput":{"hookEventName":"PreToolUse","permissionDecision":"ask","permissionDecisionReason":"review"}}"""
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        receiver.createContext("/flaky", exchange -> {
            int attempt = flakyAttempts.incrementAndGet();
            byte[] answer = "{}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(attempt <= 2 ? 503 : 200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        receiver.start();
    }

    private final java.util.concurrent.atomic.AtomicInteger flakyAttempts = new java.util.concurrent.atomic.AtomicInteger();

    @Test
    void anAsynchronousDeliveryIsRetriedWithBackoffAndADecisionSomeoneWaitsForIsNot() throws Exception {
        String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/flaky";
        ObjectNode json = JSON.createObjectNode().put("session_id", "s1").put("hook_event_name", "PostToolUse").put("tool_name", "mcp__github__create_issue");
        HookHandler.Webhook webhook = new HookHandler.Webhook(URI.create(url), SECRET, Duration.ofSeconds(5), 2);
        Hook hook = new Hook("notify", "notify", null, FailMode.OPEN, webhook);
        WebhookRunner runner = new WebhookRunner(new OutboundUrlPolicy(new Outbound(Optional.of(List.of("127.0.0.1/32")))));

        HookResult waitedFor = runner.run(hook, webhook, new HookInput("PostToolUse", json), false).toCompletableFuture().get(30, TimeUnit.SECONDS);
        assertEquals("webhook answered HTTP 503", waitedFor.error());
        assertEquals(1, flakyAttempts.get(), "no retry when someone waits");

        flakyAttempts.set(0);
        long started = System.nanoTime();
        HookResult delivered = runner.run(hook, webhook, new HookInput("PostToolUse", json), true).toCompletableFuture().get(30, TimeUnit.SECONDS);
        assertNull(delivered.error(), "the third attempt succeeded");
        assertEquals(3, flakyAttempts.get());
        assertTrue(System.nanoTime() - started >= TimeUnit.MILLISECONDS.toNanos(200 + 400), "backoff of 200 ms, then 400 ms");
    }

    @AfterEach
    void stop() {
        receiver.stop(0);
    }

    private HookResult call(OutboundConfig outbound, String url) throws Exception {
        ObjectNode json = JSON.createObjectNode().put("session_id", "s1").put("hook_event_name", "PreToolUse").put("tool_name", "Bash");
        HookHandler.Webhook webhook = new HookHandler.Webhook(URI.create(url), SECRET, Duration.ofSeconds(5), 0);
        Hook hook = new Hook("review", "review", null, FailMode.CLOSED, webhook);
        return new WebhookRunner(new OutboundUrlPolicy(outbound)).run(hook, webhook, new HookInput("PreToolUse", json), false)
                .toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @Test
    void theBodyIsSignedAndTheAnswerDecides() throws Exception {
        String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
        HookResult result = call(new Outbound(Optional.of(List.of("127.0.0.1/32"))), url);
        assertNull(result.error());
        assertEquals(PermissionDecision.ASK, result.effect().permission());
        String[] parts = signature.get().split(",");
        long timestamp = Long.parseLong(parts[0].substring("t=".length()));
        assertEquals("v1=" + WebhookRunner.sign(SECRET, timestamp, body.get()), parts[1], "HMAC-SHA256 of <t>.<body>");
        assertTrue(Math.abs(System.currentTimeMillis() / 1000 - timestamp) < 60);
        assertEquals("s1", JSON.readTree(body.get()).path("session_id").asText(), "the hook input, as sent");
    }

    @Test
    void internalAddressesAreRefusedUnlessAnOperatorOpensThem() throws Exception {
        Outbound closed = new Outbound(Optional.empty());
        for (String url : List.of("http://169.254.169.254/latest/meta-data", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook",
                "http://localhost:" + receiver.getAddress().getPort() + "/hook")) {
            HookResult result = call(closed, url);
            assertTrue(result.error().startsWith("webhook refused: "), url + ": " + result.error());
            assertTrue(result.failedClosed());
            assertEquals(PermissionDecision.DENY, result.effect().permission());
        }
        assertNull(body.get(), "nothing was sent");
    }

    @Test
    void anUnreachableWebhookFailsWithItsReason() throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        HookResult result = call(new Outbound(Optional.of(List.of("127.0.0.1/32"))), "http://127.0.0.1:" + closedPort + "/hook");
        assertTrue(result.error().startsWith("webhook unreachable"), result.error());
        assertEquals(PermissionDecision.DENY, result.effect().permission());
    }
}
