package io.ccos.hook.webhook;

import io.ccos.platform.outbound.OutboundUrlPolicy;
import io.ccos.policy.decision.Effect;
import io.ccos.policy.decision.HookOutputs;
import io.ccos.policy.decision.HookResult;
import io.ccos.policy.event.HookInput;
import io.ccos.policy.registry.Hook;
import io.ccos.policy.registry.HookHandler;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * POSTs the hook input to a tenant's webhook and reads its answer as a command hook's JSON output. The
 * body is signed: {@code Ccos-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" with the
 * hook's secret>}, so the receiver can check origin and freshness. The URL is checked against the outbound
 * address policy, its host's resolved addresses too, before each attempt; a 2xx answer is read, anything
 * else is a failure (the hook's fail mode decides), retried only when asked for (asynchronous delivery, where
 * nobody waits: up to the hook's {@code retries}, with exponential backoff).
 */
@ApplicationScoped
public class WebhookRunner {

    public static final String SIGNATURE_HEADER = "Ccos-Signature";
    private static final int MAX_ANSWER_BYTES = 1024 * 1024;
    /** Backoff between the attempts of an asynchronous delivery: 200 ms, 400 ms, ... up to 10 s. */
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

    private final OutboundUrlPolicy outbound;
    private final Executor threads = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("webhook-", 0).factory());
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER) // a redirect could lead past the address check
            .executor(threads)
            .build();

    public WebhookRunner(OutboundUrlPolicy outbound) {
        this.outbound = outbound;
    }

    public CompletionStage<HookResult> run(Hook hook, HookHandler.Webhook webhook, HookInput input, boolean retry) {
        return CompletableFuture.supplyAsync(() -> attempt(hook, webhook, input, retry ? webhook.retries() : 0), threads);
    }

    private HookResult attempt(Hook hook, HookHandler.Webhook webhook, HookInput input, int retriesLeft) {
        long started = System.nanoTime();
        String refusal = outbound.refusalNow(webhook.url());
        if (refusal != null) {
            return hook.failed("webhook refused: " + refusal, System.nanoTime() - started);
        }
        byte[] body = input.json().toString().getBytes(StandardCharsets.UTF_8);
        long now = System.currentTimeMillis() / 1000;
        HttpRequest request = HttpRequest.newBuilder(webhook.url())
                .timeout(webhook.timeout())
                .header("Content-Type", "application/json")
                .header(SIGNATURE_HEADER, "t=" + now + ",v1=" + sign(webhook.secret(), now, body))
                .header("Ccos-Hook-Id", hook.id())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        String failure;
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() / 100 == 2) {
                if (response.body().length > MAX_ANSWER_BYTES) {
                    failure = "answered more than " + MAX_ANSWER_BYTES + " bytes";
                } else {
                    Effect effect = HookOutputs.ofAnswer(input.event(), new String(response.body(), StandardCharsets.UTF_8));
                    return HookResult.of(hook.id(), "webhook", effect, System.nanoTime() - started);
                }
            } else {
                failure = "answered HTTP " + response.statusCode();
            }
        } catch (HookOutputs.UnreadableAnswer e) {
            failure = e.getMessage();
        } catch (java.net.http.HttpTimeoutException e) {
            failure = "timed out after " + webhook.timeout().toMillis() / 1000.0 + " s";
        } catch (java.io.IOException e) {
            failure = "unreachable: " + (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = "interrupted";
        }
        if (retriesLeft > 0) {
            int attempt = webhook.retries() - retriesLeft; // 0 for the first retry
            try {
                // On a virtual thread of its own: sleeping holds no carrier and delays no other hook.
                Thread.sleep(Math.min(MAX_BACKOFF.toMillis(), FIRST_BACKOFF.toMillis() << attempt));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return hook.failed("webhook " + failure + " (retries interrupted)", System.nanoTime() - started);
            }
            return attempt(hook, webhook, input, retriesLeft - 1);
        }
        return hook.failed("webhook " + failure, System.nanoTime() - started);
    }

    /** The hex HMAC-SHA256 of "<timestamp>.<body>", as the receiver recomputes it. */
    public static String sign(String secret, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
