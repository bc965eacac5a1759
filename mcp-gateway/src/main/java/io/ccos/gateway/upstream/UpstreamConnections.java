package io.ccos.gateway.upstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ccos.gateway.jsonrpc.JsonRpcError;
import io.ccos.platform.outbound.OutboundUrlPolicy;
import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import io.smallrye.faulttolerance.api.TypedGuard;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.util.TypeLiteral;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.jboss.logging.Logger;

/**
 * This replica's connections to upstream servers: one per registered server, opened on first use, shared
 * by every caller, bounded in concurrent calls, reopened when lost (a stdio server that exits is restarted
 * with exponential backoff). Nothing here blocks an event-loop thread: processes start and names resolve on
 * worker threads.
 */
@ApplicationScoped
public class UpstreamConnections {

    private static final Logger LOG = Logger.getLogger(UpstreamConnections.class);

    private final Map<UUID, Supervised> byId = new ConcurrentHashMap<>();
    private final Vertx vertx;
    private final ObjectMapper json;
    private final UpstreamConfig config;
    private final OutboundUrlPolicy outbound;
    private final HttpClient http;

    public UpstreamConnections(Vertx vertx, ObjectMapper json, UpstreamConfig config, OutboundUrlPolicy outbound) {
        this.vertx = vertx;
        this.json = json;
        this.config = config;
        this.outbound = outbound;
        this.http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setConnectTimeout((int) config.connectTimeout().toMillis()),
                new PoolOptions().setHttp1MaxSize(config.httpPoolSize()));
    }

    /** Calls {@code method} on the target's server; completes on the caller's context. */
    public Future<JsonNode> call(UpstreamTarget target, String method, JsonNode params) {
        Supervised supervised = supervised(target);
        if (supervised.inFlight.incrementAndGet() > config.maxConcurrentCalls()) {
            supervised.inFlight.decrementAndGet();
            return Future.failedFuture(new JsonRpcError(JsonRpcError.UPSTREAM_BUSY,
                    target.label() + " is serving " + config.maxConcurrentCalls() + " calls from this gateway already; try again"));
        }
        return supervised.guarded(() -> supervised.connection()
                .compose(connection -> connection.request(method, params))
                .recover(failure -> failure instanceof UpstreamLost
                        ? supervised.connection().compose(connection -> connection.request(method, params))
                        : Future.failedFuture(failure)))
                .andThen(done -> supervised.inFlight.decrementAndGet());
    }

    /** The server's initialize result (capabilities, serverInfo), connecting first if need be. */
    public Future<ObjectNode> initialized(UpstreamTarget target) {
        return supervised(target).connection().map(UpstreamConnection::initialized);
    }

    /** Closes the connection of a registration that was removed or changed. */
    public void retire(UUID id) {
        Supervised gone = byId.remove(id);
        if (gone != null) {
            gone.retire();
        }
    }

    void stop(@Observes ShutdownEvent shutdown) {
        byId.values().forEach(Supervised::retire);
        byId.clear();
    }

    private Supervised supervised(UpstreamTarget target) {
        Supervised current = byId.computeIfAbsent(target.id(), id -> new Supervised(target));
        if (!current.target.sameConnection(target)) { // a newer version of the registration
            Supervised fresh = new Supervised(target);
            if (byId.replace(target.id(), current, fresh)) {
                current.retire();
            }
            return byId.get(target.id());
        }
        return current;
    }

    /** One server's connection and its supervision. */
    private final class Supervised {
        final UpstreamTarget target;
        final AtomicInteger inFlight = new AtomicInteger();
        private Future<UpstreamConnection> current;
        private int failures;
        private long notBefore;
        private boolean retired;
        private final TypedGuard<CompletionStage<JsonNode>> breaker;

        Supervised(UpstreamTarget target) {
            this.target = target;
            UpstreamConfig.CircuitBreaker settings = config.circuitBreaker();
            this.breaker = TypedGuard.create(new TypeLiteral<CompletionStage<JsonNode>>() {
            }).withDescription("mcp upstream " + target.label()).withThreadOffload(false)
                    .withCircuitBreaker().requestVolumeThreshold(settings.requestVolume()).failureRatio(settings.failureRatio())
                    .delay(settings.delay().toMillis(), ChronoUnit.MILLIS).successThreshold(1)
                    .when(failure -> failure instanceof JsonRpcError error && error.upstreamFailed())
                    .onStateChange(state -> LOG.infof("%s: circuit breaker %s", target.label(), state.name().toLowerCase(Locale.ROOT)))
                    .done().build();
        }

        /** The call through the circuit breaker: refused at once while the upstream keeps failing. */
        Future<JsonNode> guarded(Supplier<Future<JsonNode>> call) {
            CompletionStage<JsonNode> answer;
            try {
                answer = breaker.get(() -> call.get().toCompletionStage());
            } catch (CircuitBreakerOpenException open) {
                answer = java.util.concurrent.CompletableFuture.failedStage(open);
            }
            return Future.fromCompletionStage(answer).recover(failure -> Future.failedFuture(failure instanceof CircuitBreakerOpenException
                    ? new JsonRpcError(JsonRpcError.UPSTREAM_UNAVAILABLE, target.label() + " failed on most recent calls: the gateway refuses calls to it for up to "
                            + config.circuitBreaker().delay().toSeconds() + " s (circuit breaker open)")
                    : failure instanceof CompletionException wrapped && wrapped.getCause() != null ? wrapped.getCause() : failure));
        }

        synchronized Future<UpstreamConnection> connection() {
            if (current != null && (!current.isComplete() || current.succeeded() && current.result().open())) {
                return current;
            }
            long wait = (notBefore - System.nanoTime()) / 1_000_000;
            Promise<UpstreamConnection> opened = Promise.promise();
            current = opened.future();
            if (wait > 0) {
                vertx.setTimer(wait, ignored -> open().onComplete(opened));
            } else {
                open().onComplete(opened);
            }
            return current;
        }

        private Future<UpstreamConnection> open() {
            Future<UpstreamConnection> connected = switch (target.transport()) {
                case STDIO -> StdioUpstream.start(vertx, target.label(), target.command(), target.env(), json, config, this::lost);
                case STREAMABLE_HTTP -> vertx.executeBlocking(() -> outbound.refusalNow(target.url()), false)
                        .compose(refusal -> refusal != null
                                ? Future.failedFuture(new JsonRpcError(JsonRpcError.UPSTREAM_UNAVAILABLE, target.label() + " is refused: " + refusal))
                                : StreamableHttpUpstream.connect(target.label(), target.url(), target.headers(), http, vertx, json, config));
                case SSE -> Future.failedFuture(new JsonRpcError(JsonRpcError.UPSTREAM_UNAVAILABLE,
                        target.label() + " uses the legacy SSE transport, which this gateway does not speak yet"));
            };
            return connected.andThen(done -> {
                synchronized (this) {
                    if (done.succeeded()) {
                        failures = 0;
                        if (retired) {
                            done.result().close();
                        }
                    } else {
                        backOff();
                        LOG.warnf("%s could not be opened (%s); next attempt in %d ms", target.label(), done.cause().getMessage(),
                                (notBefore - System.nanoTime()) / 1_000_000);
                    }
                }
            }).recover(failure -> Future.failedFuture(failure instanceof JsonRpcError ? failure
                    : new JsonRpcError(JsonRpcError.UPSTREAM_UNAVAILABLE, target.label() + " could not be started: " + failure.getMessage())));
        }

        /** A stdio server exited: it is restarted after the backoff, unless it was retired on purpose. */
        private void lost() {
            synchronized (this) {
                if (retired) {
                    return;
                }
                backOff();
            }
            long wait = Math.max(1, (notBefore - System.nanoTime()) / 1_000_000);
            vertx.setTimer(wait, ignored -> {
                if (!retired) {
                    connection();
                }
            });
        }

        private void backOff() {
            failures++;
            long millis = Math.min(config.restart().maxBackoff().toMillis(),
                    config.restart().initialBackoff().toMillis() << Math.min(failures - 1, 20));
            notBefore = System.nanoTime() + millis * 1_000_000;
        }

        synchronized void retire() {
            retired = true;
            if (current != null && current.succeeded()) {
                current.result().close();
            }
        }
    }
}
