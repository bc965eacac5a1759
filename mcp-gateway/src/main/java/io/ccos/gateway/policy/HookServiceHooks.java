package io.ccos.gateway.policy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ccos.contracts.tenancy.TenantClaim;
import io.ccos.policy.PolicyEvaluator;
import io.ccos.policy.decision.Effect;
import io.ccos.policy.decision.HookOutputs;
import io.ccos.policy.decision.HookResult;
import io.ccos.policy.event.HookInput;
import io.ccos.policy.registry.Hook;
import io.quarkus.oidc.client.OidcClient;
import io.quarkus.oidc.client.Tokens;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The tenant's command and webhook hooks, which run in hook-service, not here: the event is sent to
 * hook-service's decision endpoint once (with the gateway's client-credentials token, on behalf of the
 * tenant), and its answer stands for each of them. hook-service decides with the same registry, so its
 * answer agrees with the rules decided here; it audits its decision as any other.
 */
@ApplicationScoped
public class HookServiceHooks implements PolicyEvaluator.ExternalHooks {

    private static final String ASKED = "ccos.gateway.hook-service-answer";

    private final HttpClient http;
    private final OidcClient tokens;
    private final ObjectMapper json;
    private final PolicyConfig config;
    private volatile Tokens current;

    public HookServiceHooks(Vertx vertx, OidcClient tokens, ObjectMapper json, PolicyConfig config) {
        this.http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true));
        this.tokens = tokens;
        this.json = json;
        this.config = config;
    }

    @Override
    public CompletionStage<HookResult> run(Hook hook, HookInput input) {
        long started = System.nanoTime();
        CompletableFuture<Effect> answer = input.derived(ASKED, this::ask);
        return answer.thenApply(effect -> HookResult.of(hook.id(), "hook-service", effect, System.nanoTime() - started));
    }

    private CompletableFuture<Effect> ask(HookInput input) {
        String tenant = input.text("ccos_tenant");
        Buffer body;
        try {
            body = Buffer.buffer(json.writeValueAsBytes(input.json()));
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST)
                .setAbsoluteURI(config.hookServiceUrl() + "/api/v1/hooks/" + input.event())
                .setIdleTimeout(config.hookServiceTimeout().toMillis())
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .putHeader(TenantClaim.ON_BEHALF_HEADER, tenant);
        return token()
                .compose(token -> http.request(options.putHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token)))
                .compose(request -> request.send(body))
                .compose(response -> response.body().map(text -> effect(input.event(), response, text)))
                .toCompletionStage().toCompletableFuture()
                .orTimeout(config.hookServiceTimeout().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    private static Effect effect(String event, HttpClientResponse response, Buffer text) {
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("hook-service answered HTTP " + response.statusCode());
        }
        try {
            return HookOutputs.ofAnswer(event, text.toString());
        } catch (HookOutputs.UnreadableAnswer e) {
            throw new IllegalStateException("hook-service's answer is unreadable: " + e.getMessage());
        }
    }

    /** The gateway's service token, fetched again shortly before it expires. */
    private Future<String> token() {
        Tokens known = current;
        if (known != null && !known.isAccessTokenWithinRefreshInterval() && !known.isAccessTokenExpired()) {
            return Future.succeededFuture(known.getAccessToken());
        }
        return Future.fromCompletionStage(tokens.getTokens().subscribeAsCompletionStage()).map(fresh -> {
            current = fresh;
            return fresh.getAccessToken();
        });
    }
}
