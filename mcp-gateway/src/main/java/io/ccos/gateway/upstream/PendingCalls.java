package io.ccos.gateway.upstream;

import com.fasterxml.jackson.databind.JsonNode;
import io.ccos.gateway.jsonrpc.JsonRpcError;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * The requests a connection sent and waits on, by the connection's own id. An answer may arrive on any
 * thread (a stdio reader, an HTTP response); the caller's future completes on the caller's context.
 */
final class PendingCalls {

    private record Pending(Promise<JsonNode> promise, Context context, long timer, ClientChannel channel) {
    }

    private final Map<Long, Pending> byId = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final Vertx vertx;
    private final String upstream;

    PendingCalls(Vertx vertx, String upstream) {
        this.vertx = vertx;
        this.upstream = upstream;
    }

    long nextId() {
        return ids.incrementAndGet();
    }

    /** Waits for the answer to {@code id}; after {@code timeout} fails with a timeout error and tells {@code onTimeout}. */
    Future<JsonNode> await(long id, Duration timeout, LongConsumer onTimeout) {
        return await(id, timeout, onTimeout, CallControl.none());
    }

    /** The same, and what the upstream says or asks about the call on the way goes to the control's channel. */
    Future<JsonNode> await(long id, Duration timeout, LongConsumer onTimeout, CallControl control) {
        Context context = vertx.getOrCreateContext();
        Promise<JsonNode> promise = Promise.promise();
        long timer = vertx.setTimer(timeout.toMillis(), ignored -> {
            if (byId.remove(id) != null) {
                onTimeout.accept(id);
                context.runOnContext(v -> promise.tryFail(new JsonRpcError(JsonRpcError.UPSTREAM_TIMEOUT,
                        upstream + " did not answer within " + timeout.toMillis() + " ms")));
            }
        });
        byId.put(id, new Pending(promise, context, timer, control.channel()));
        return promise.future();
    }

    /** The upstream's response to one of ours: its result, or its error passed on. False if nobody waits (late or unknown). */
    boolean answer(long id, JsonNode response) {
        Pending pending = byId.remove(id);
        if (pending == null) {
            return false;
        }
        vertx.cancelTimer(pending.timer());
        JsonNode error = response.get("error");
        pending.context().runOnContext(v -> {
            if (error != null && !error.isNull()) {
                pending.promise().tryFail(JsonRpcError.answered(error));
            } else {
                pending.promise().tryComplete(response.path("result"));
            }
        });
        return true;
    }

    /**
     * Hands {@code action} the channel to the client of call {@code id}, on the caller's context; false when
     * nobody waits on {@code id} or its client cannot be reached on the way.
     */
    boolean toClient(long id, Consumer<ClientChannel> action) {
        Pending pending = byId.get(id);
        if (pending == null || pending.channel() == null) {
            return false;
        }
        pending.context().runOnContext(v -> action.accept(pending.channel()));
        return true;
    }

    /**
     * The call a message the upstream sent without naming one is about, when that can be told: the only request in
     * flight on the connection (stdio has no per-request streams), if its client can be reached. -1 when none or
     * several are in flight (the gateway's own requests, a health ping or a renewed subscription, count too).
     */
    long soleCall() {
        if (byId.size() != 1) {
            return -1;
        }
        for (Map.Entry<Long, Pending> each : byId.entrySet()) {
            return each.getValue().channel() != null ? each.getKey() : -1;
        }
        return -1;
    }

    /** Fails the call waiting on {@code id}; false when none waits (it was answered, or timed out, already). */
    boolean fail(long id, JsonRpcError error) {
        Pending pending = byId.remove(id);
        if (pending != null) {
            vertx.cancelTimer(pending.timer());
            pending.context().runOnContext(v -> pending.promise().tryFail(error));
        }
        return pending != null;
    }

    /** Fails every waiting call: the connection is gone. */
    void failAll(JsonRpcError error) {
        for (Long id : byId.keySet()) {
            fail(id, error);
        }
    }

    int waiting() {
        return byId.size();
    }
}
