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

    private record Pending(Promise<JsonNode> promise, Context context, long timer, Consumer<JsonNode> onProgress) {
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
        return await(id, timeout, onTimeout, null);
    }

    /** The same, and the upstream's progress notifications on the way go to {@code onProgress} (on the caller's context). */
    Future<JsonNode> await(long id, Duration timeout, LongConsumer onTimeout, Consumer<JsonNode> onProgress) {
        Context context = vertx.getOrCreateContext();
        Promise<JsonNode> promise = Promise.promise();
        long timer = vertx.setTimer(timeout.toMillis(), ignored -> {
            if (byId.remove(id) != null) {
                onTimeout.accept(id);
                context.runOnContext(v -> promise.tryFail(new JsonRpcError(JsonRpcError.UPSTREAM_TIMEOUT,
                        upstream + " did not answer within " + timeout.toMillis() + " ms")));
            }
        });
        byId.put(id, new Pending(promise, context, timer, onProgress));
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
                pending.promise().tryFail(JsonRpcError.fromUpstream(error));
            } else {
                pending.promise().tryComplete(response.path("result"));
            }
        });
        return true;
    }

    /** A progress notification of the upstream about request {@code id}; dropped when nobody waits or asked for it. */
    void progress(long id, JsonNode notificationParams) {
        Pending pending = byId.get(id);
        if (pending != null && pending.onProgress() != null) {
            pending.context().runOnContext(v -> pending.onProgress().accept(notificationParams));
        }
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
