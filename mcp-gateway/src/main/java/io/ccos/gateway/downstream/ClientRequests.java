package io.ccos.gateway.downstream;

import com.fasterxml.jackson.databind.JsonNode;
import io.ccos.gateway.jsonrpc.JsonRpcError;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The requests this replica relayed to clients (an upstream's sampling, elicitation or roots request) and
 * waits on. A client POSTs its answer to whichever replica its load balancer picks: the request's id names
 * the replica that waits ({@code ccos.<replica>.<n>}), and an answer that lands elsewhere is passed on
 * ({@link ReplicaRelay}). Only the client asked may answer: same tenant, user and session.
 */
@ApplicationScoped
public class ClientRequests {

    private static final Logger LOG = Logger.getLogger(ClientRequests.class);
    private static final String PREFIX = "ccos.";

    /** The client of a session: who may answer a request relayed to it. */
    public record Client(String tenant, String user, String session) {
    }

    /** A request on its way to a client: the id it carries, and the future of the client's result. */
    record Asked(String id, Future<JsonNode> answer) {
    }

    private record Waiting(Client client, Promise<JsonNode> promise, Context context, long timer) {
    }

    private final Map<String, Waiting> byId = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final Vertx vertx;
    private final ReplicaRelay relay;
    private final String replica;
    private final Duration timeout;

    public ClientRequests(Vertx vertx, ReplicaRelay relay, @ConfigProperty(name = "quarkus.uuid") String replica, McpConfig config) {
        this.vertx = vertx;
        this.relay = relay;
        this.replica = replica;
        this.timeout = config.clientRequestTimeout();
    }

    /** A new request to {@code client}; its answer completes on the calling context, or fails after the timeout. */
    Asked open(Client client) {
        String id = PREFIX + replica + "." + ids.incrementAndGet();
        Context context = vertx.getOrCreateContext();
        Promise<JsonNode> promise = Promise.promise();
        long timer = vertx.setTimer(timeout.toMillis(), ignored -> {
            if (byId.remove(id) != null) {
                context.runOnContext(v -> promise.tryFail(new JsonRpcError(JsonRpcError.UPSTREAM_TIMEOUT,
                        "the client did not answer within " + timeout.toMillis() + " ms")));
            }
        });
        byId.put(id, new Waiting(client, promise, context, timer));
        return new Asked(id, promise.future());
    }

    /** The call the request belonged to is over: nobody waits for its answer any more. */
    void abandon(String id) {
        Waiting waiting = byId.remove(id);
        if (waiting != null) {
            vertx.cancelTimer(waiting.timer());
            waiting.context().runOnContext(v -> waiting.promise().tryFail(new JsonRpcError(JsonRpcError.CANCELLED, "the call ended first")));
        }
    }

    /** A response a client POSTed to this replica: delivered here, or passed on to the replica that waits for it. */
    void answered(Client from, JsonNode response) {
        String id = response.path("id").asText("");
        String owner = replicaOf(id);
        if (owner == null) {
            LOG.debugf("A response of tenant %s's client to a request that is not the gateway's (id %s): ignored", from.tenant(), id);
        } else if (owner.equals(replica)) {
            deliver(from, id, response);
        } else {
            relay.clientAnswered(new ClientAnswered(owner, from.user(), from.session(), id, response));
        }
    }

    /** An answer for this replica, from the client itself or passed on by another replica. */
    void deliver(Client from, String id, JsonNode response) {
        Waiting waiting = byId.get(id);
        if (waiting == null || !waiting.client().equals(from) || !byId.remove(id, waiting)) {
            LOG.debugf("An answer to %s, which nobody waits for here or which its sender was not asked", id);
            return;
        }
        vertx.cancelTimer(waiting.timer());
        JsonNode error = response.get("error");
        waiting.context().runOnContext(v -> {
            if (error != null && !error.isNull()) {
                waiting.promise().tryFail(JsonRpcError.answered(error));
            } else {
                waiting.promise().tryComplete(response.path("result"));
            }
        });
    }

    boolean mine(String replicaId) {
        return replica.equals(replicaId);
    }

    /** The replica a request id of ours names; null for an id that is not one of ours. */
    private static String replicaOf(String id) {
        int last = id.lastIndexOf('.');
        return id.startsWith(PREFIX) && last > PREFIX.length() ? id.substring(PREFIX.length(), last) : null;
    }
}
