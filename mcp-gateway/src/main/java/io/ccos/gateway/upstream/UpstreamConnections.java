package io.ccos.gateway.upstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ccos.gateway.jsonrpc.JsonRpcError;
import io.ccos.gateway.registry.Transport;
import io.ccos.platform.outbound.OutboundUrlPolicy;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.faulttolerance.api.TypedGuard;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.util.TypeLiteral;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.jboss.logging.Logger;

/**
 * This replica's connections to upstream servers: one per registered server, opened on first use, shared
 * by every caller, bounded in concurrent calls, behind a circuit breaker, pinged for health, reopened when
 * lost (a stdio server that exits is restarted with exponential backoff). Nothing here blocks an event-loop
 * thread: processes start and names resolve on worker threads.
 */
@ApplicationScoped
public class UpstreamConnections {

    private static final Logger LOG = Logger.getLogger(UpstreamConnections.class);

    private final Map<UUID, Supervised> byId = new ConcurrentHashMap<>();
    private final Map<UUID, Gauge> healthGauges = new ConcurrentHashMap<>();
    private final Vertx vertx;
    private final ObjectMapper json;
    private final UpstreamConfig config;
    private final OutboundUrlPolicy outbound;
    private final HttpClient http;
    private final MeterRegistry metrics;
    private final Event<UpstreamNotice> notices;

    public UpstreamConnections(Vertx vertx, ObjectMapper json, UpstreamConfig config, OutboundUrlPolicy outbound, MeterRegistry metrics,
            Event<UpstreamNotice> notices) {
        this.notices = notices;
        this.vertx = vertx;
        this.json = json;
        this.config = config;
        this.outbound = outbound;
        this.metrics = metrics;
        vertx.setPeriodic(config.health().interval().toMillis(), ignored -> byId.values().forEach(Supervised::ping));
        this.http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setConnectTimeout((int) config.connectTimeout().toMillis()),
                new PoolOptions().setHttp1MaxSize(config.httpPoolSize()));
    }

    /** Calls {@code method} on the target's server; completes on the caller's context. */
    public Future<JsonNode> call(UpstreamTarget target, String method, JsonNode params) {
        return call(target, method, params, CallControl.none());
    }

    /** The same, under the caller's control (progress, cancellation: {@link CallControl}). */
    public Future<JsonNode> call(UpstreamTarget target, String method, JsonNode params, CallControl control) {
        Supervised supervised = supervised(target);
        if (supervised.inFlight.incrementAndGet() > config.maxConcurrentCalls()) {
            supervised.inFlight.decrementAndGet();
            return Future.failedFuture(new JsonRpcError(JsonRpcError.UPSTREAM_BUSY,
                    target.label() + " is serving " + config.maxConcurrentCalls() + " calls from this gateway already; try again"));
        }
        return supervised.guarded(() -> supervised.connection()
                .compose(connection -> connection.request(method, params, control))
                .recover(failure -> failure instanceof UpstreamLost
                        ? supervised.connection().compose(connection -> connection.request(method, params, control))
                        : Future.failedFuture(failure)))
                .andThen(done -> supervised.inFlight.decrementAndGet());
    }

    /**
     * Subscribes this replica's connection to a resource of the target's server, and every connection opened for
     * it later (a restarted server, a new upstream session), so that its updates keep coming for the sessions
     * that asked. Subscriptions are the connection's, shared by every caller: none is ever taken back.
     */
    public Future<JsonNode> subscribe(UpstreamTarget target, String uri) {
        Supervised supervised = supervised(target);
        return call(target, "resources/subscribe", json.createObjectNode().put("uri", uri)).andThen(done -> {
            if (done.succeeded()) {
                supervised.subscriptions.add(uri);
            }
        });
    }

    /** The server's initialize result (capabilities, serverInfo), connecting first if need be. */
    public Future<ObjectNode> initialized(UpstreamTarget target) {
        return supervised(target).connection().map(UpstreamConnection::initialized);
    }

    /** How the registration's server looks from this replica. */
    public UpstreamStatus status(UUID id) {
        Supervised supervised = byId.get(id);
        return supervised == null ? UpstreamStatus.idle() : supervised.status();
    }

    /** Closes the connection of a registration that was removed or changed. */
    public void retire(UUID id) {
        Supervised gone = byId.remove(id);
        if (gone != null) {
            gone.retire();
        }
        Gauge gauge = healthGauges.remove(id);
        if (gauge != null) {
            metrics.remove(gauge);
        }
    }

    void stop(@Observes ShutdownEvent shutdown) {
        byId.values().forEach(Supervised::retire);
        byId.clear();
    }

    private Supervised supervised(UpstreamTarget target) {
        // One gauge per registration, whichever connection serves it now: registered at first use, removed with it.
        healthGauges.computeIfAbsent(target.id(), id -> Gauge.builder("mcp_server_health", () -> UpstreamStatus.UP.equals(status(id).state()) ? 1 : 0)
                .description("1 while this replica's connection to the upstream MCP server is up and answers its health pings, else 0")
                .tags("tenant", target.tenant(), "server", target.name()).register(metrics));
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
        /** The resources this replica subscribed to on the server, renewed on every new connection. */
        final java.util.Set<String> subscriptions = ConcurrentHashMap.newKeySet();
        private Future<UpstreamConnection> current;
        private int failures;
        private long notBefore;
        private boolean retired;
        private int opened;
        private final TypedGuard<CompletionStage<JsonNode>> breaker;
        private volatile String circuit = "closed";
        private volatile Instant lastPing;
        private volatile Long pingMillis;
        private volatile String lastError;
        private volatile boolean pingFailed;
        private volatile long pingStarted;

        Supervised(UpstreamTarget target) {
            this.target = target;
            UpstreamConfig.CircuitBreaker settings = config.circuitBreaker();
            this.breaker = TypedGuard.create(new TypeLiteral<CompletionStage<JsonNode>>() {
            }).withDescription("mcp upstream " + target.label()).withThreadOffload(false)
                    .withCircuitBreaker().requestVolumeThreshold(settings.requestVolume()).failureRatio(settings.failureRatio())
                    .delay(settings.delay().toMillis(), ChronoUnit.MILLIS).successThreshold(1)
                    .when(failure -> failure instanceof JsonRpcError error && error.upstreamFailed())
                    .onStateChange(state -> {
                        circuit = state.name().toLowerCase(Locale.ROOT);
                        LOG.infof("%s: circuit breaker %s", target.label(), circuit);
                    })
                    .done().build();
        }

        synchronized UpstreamStatus status() {
            String state;
            if (current == null) {
                state = UpstreamStatus.IDLE;
            } else if (!current.isComplete()) {
                state = UpstreamStatus.CONNECTING;
            } else if (current.failed() || !current.result().open() || pingFailed || pingOverdue()) {
                state = UpstreamStatus.DOWN;
            } else {
                state = UpstreamStatus.UP;
            }
            return new UpstreamStatus(state, circuit, lastPing, pingMillis, lastError, Math.max(0, opened - 1), inFlight.get());
        }

        private boolean pingOverdue() {
            long started = pingStarted;
            return started != 0 && System.nanoTime() - started > config.health().timeout().toNanos();
        }

        /** A health ping of an open connection (none is opened for it: an idle server stays idle). */
        void ping() {
            UpstreamConnection connection;
            synchronized (this) {
                if (retired || pingStarted != 0 || current == null || !current.succeeded() || !current.result().open()) {
                    return;
                }
                connection = current.result();
                pingStarted = System.nanoTime();
            }
            long started = pingStarted;
            connection.request("ping", json.createObjectNode()).onComplete(done -> {
                lastPing = Instant.now();
                pingFailed = done.failed();
                if (done.succeeded()) {
                    pingMillis = (System.nanoTime() - started) / 1_000_000;
                } else {
                    lastError = "ping failed: " + done.cause().getMessage();
                    LOG.warnf("%s did not answer a health ping: %s", target.label(), done.cause().getMessage());
                }
                pingStarted = 0;
            });
        }

        /** The call through the circuit breaker: refused at once while the upstream keeps failing. */
        Future<JsonNode> guarded(Supplier<Future<JsonNode>> call) {
            CompletionStage<JsonNode> answer;
            try {
                answer = breaker.get(() -> call.get().toCompletionStage());
            } catch (CircuitBreakerOpenException open) {
                answer = CompletableFuture.failedStage(open);
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
            if (target.refusal() != null) {
                return Future.failedFuture(new JsonRpcError(JsonRpcError.UPSTREAM_UNAVAILABLE, target.label() + " " + target.refusal()));
            }
            Future<UpstreamConnection> connected = switch (target.transport()) {
                case STDIO -> StdioUpstream.start(vertx, target.label(), target.command(), target.env(), json, config, this::lost, this::noticed);
                case STREAMABLE_HTTP, SSE -> vertx.executeBlocking(() -> outbound.refusalNow(target.url()), false)
                        .compose(refusal -> refusal != null
                                ? Future.failedFuture(new JsonRpcError(JsonRpcError.UPSTREAM_UNAVAILABLE, target.label() + " is refused: " + refusal))
                                : target.transport() == Transport.SSE
                                        ? SseUpstream.connect(target.label(), target.url(), target.headers(), http, vertx, json, config, this::noticed)
                                        : StreamableHttpUpstream.connect(target.label(), target.url(), target.headers(), http, vertx, json, config,
                                                this::noticed));
                case VIRTUAL -> Future.failedFuture(new JsonRpcError(JsonRpcError.UPSTREAM_UNAVAILABLE,
                        target.label() + " is virtual: its tools are called on their own servers"));
            };
            return connected.andThen(done -> {
                synchronized (this) {
                    if (done.succeeded()) {
                        failures = 0;
                        opened++;
                        pingFailed = false;
                        if (retired) {
                            done.result().close();
                        } else {
                            renewSubscriptions(done.result());
                        }
                    } else {
                        lastError = done.cause().getMessage();
                        backOff();
                        LOG.warnf("%s could not be opened (%s); next attempt in %d ms", target.label(), done.cause().getMessage(),
                                (notBefore - System.nanoTime()) / 1_000_000);
                    }
                }
            }).recover(failure -> Future.failedFuture(failure instanceof JsonRpcError ? failure
                    : new JsonRpcError(JsonRpcError.UPSTREAM_UNAVAILABLE, target.label() + " could not be started: " + failure.getMessage())));
        }

        /** A notification of the server's about no call: for the sessions that hear it, on any replica. */
        private void noticed(ObjectNode notification) {
            notices.fire(new UpstreamNotice(target.tenant(), target.name(), notification.path("method").asText(), notification.get("params")));
        }

        private void renewSubscriptions(UpstreamConnection connection) {
            for (String uri : subscriptions) {
                connection.request("resources/subscribe", json.createObjectNode().put("uri", uri))
                        .onFailure(failure -> LOG.warnf("%s: the subscription to a resource was not renewed: %s", target.label(), failure.getMessage()));
            }
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
