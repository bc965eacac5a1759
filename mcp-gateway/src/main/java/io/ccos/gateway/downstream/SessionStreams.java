package io.ccos.gateway.downstream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.ccos.gateway.jsonrpc.JsonRpc;
import io.ccos.gateway.registry.ServersChanged;
import io.ccos.gateway.registry.UpstreamDirectory;
import io.ccos.gateway.upstream.UpstreamTarget;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The streams on which a session's client hears what happens about no call (the GET stream of the Streamable
 * HTTP transport): a list of its server changed (the upstream said so, or the caller's servers changed), a
 * resource it subscribed to was updated. Upstreams' notices reach every replica ({@link ReplicaRelay}), so a
 * client may hold its stream on any of them.
 *
 * <p>Each event has an id; a client that reconnects to the same replica with Last-Event-ID gets what it missed
 * from the session's backlog. One that reconnects elsewhere, or after the backlog moved on, is told that all
 * its lists changed: list_changed only says "list again", so that loses nothing but a round trip.
 */
@ApplicationScoped
public class SessionStreams {

    static final String TOOLS_CHANGED = "notifications/tools/list_changed";
    static final String PROMPTS_CHANGED = "notifications/prompts/list_changed";
    static final String RESOURCES_CHANGED = "notifications/resources/list_changed";
    static final String RESOURCE_UPDATED = "notifications/resources/updated";
    private static final List<String> ALL_LISTS = List.of(TOOLS_CHANGED, PROMPTS_CHANGED, RESOURCES_CHANGED);
    private static final Buffer HEARTBEAT = Buffer.buffer(": keep-alive\n\n");

    private final Cache<String, Listener> bySession;
    private final UpstreamDirectory directory;
    private final ObjectMapper json;
    private final String replica;
    private final int backlog;

    public SessionStreams(Vertx vertx, UpstreamDirectory directory, ObjectMapper json, McpConfig config,
            @ConfigProperty(name = "quarkus.uuid") String replica) {
        this.directory = directory;
        this.json = json;
        this.replica = replica;
        this.backlog = config.streams().backlog();
        this.bySession = Caffeine.newBuilder().maximumSize(config.streams().maxSessions())
                .expireAfterAccess(config.streams().idle()).build();
        vertx.setPeriodic(config.streams().heartbeat().toMillis(), ignored -> heartbeat());
    }

    /**
     * One session's stream: its client's connection while it has one, what it was sent lately, what it subscribed
     * to; or a stateless client's subscriptions/listen stream, which has an id and hears only what it asked for.
     */
    private static final class Listener {
        final McpSessions.Session session;
        final Set<String> subscriptions = ConcurrentHashMap.newKeySet();
        final ArrayDeque<Sent> sent = new ArrayDeque<>();
        /** The listen request's id, in every notification's _meta; null for a session's stream. */
        final JsonNode subscriptionId;
        /** The notifications a listen stream asked for; null for a session's stream, which hears them all. */
        final Set<String> wanted;
        long sequence;
        HttpServerResponse response;
        Context context;

        Listener(McpSessions.Session session) {
            this(session, null, null);
        }

        Listener(McpSessions.Session session, JsonNode subscriptionId, Set<String> wanted) {
            this.session = session;
            this.subscriptionId = subscriptionId;
            this.wanted = wanted;
        }

        boolean wants(String method) {
            return wanted == null || wanted.contains(method);
        }

        boolean connected() {
            return response != null && !response.ended() && !response.closed();
        }

        /** On the response's own context: Vert.x responses are not written from other threads. */
        void write(Buffer data) {
            HttpServerResponse to = response;
            context.runOnContext(v -> {
                if (!to.ended() && !to.closed()) {
                    to.write(data);
                }
            });
        }
    }

    private record Sent(long sequence, Buffer data) {
    }

    /**
     * Serves the session's stream on {@code response} (a GET of its client), replacing one it had open here;
     * after {@code lastEventId}, what the client missed.
     */
    void open(HttpServerResponse response, McpSessions.Session session, String sessionId, String lastEventId) {
        Listener listener = bySession.get(sessionId, ignored -> new Listener(session));
        synchronized (listener) {
            if (listener.connected()) {
                HttpServerResponse replaced = listener.response;
                listener.context.runOnContext(v -> replaced.end());
            }
            attach(listener, response);
            response.write(HEARTBEAT); // sends the headers now: the client knows its stream is open
            if (lastEventId != null) {
                resume(listener, lastEventId);
            }
            response.closeHandler(v -> {
                synchronized (listener) {
                    if (listener.response == response) {
                        listener.response = null;
                    }
                }
            });
        }
    }

    /**
     * Serves a stateless client's subscriptions/listen (2026-07-28) on {@code response}: the notifications its
     * filter asks for ({@code toolsListChanged}, {@code promptsListChanged}, {@code resourcesListChanged}, and
     * updates of {@code resources}, as server and URI), acknowledged first, each tagged with the request's id.
     * The stream ends when the client closes it.
     */
    void listen(HttpServerResponse response, McpSessions.Session owner, JsonNode requestId, JsonNode filter,
            List<AggregateNames.Qualified> resources) {
        Set<String> wanted = new java.util.HashSet<>();
        ObjectNode agreed = json.createObjectNode();
        for (var each : java.util.Map.of("toolsListChanged", TOOLS_CHANGED, "promptsListChanged", PROMPTS_CHANGED,
                "resourcesListChanged", RESOURCES_CHANGED).entrySet()) {
            if (filter.path(each.getKey()).asBoolean(false)) {
                wanted.add(each.getValue());
                agreed.put(each.getKey(), true);
            }
        }
        if (!resources.isEmpty()) {
            wanted.add(RESOURCE_UPDATED);
            agreed.set("resourceSubscriptions", filter.path("resourceSubscriptions").deepCopy());
        }
        String key = "listen:" + java.util.UUID.randomUUID();
        Listener listener = new Listener(owner, requestId, Set.copyOf(wanted));
        resources.forEach(resource -> listener.subscriptions.add(subscription(resource.server(), resource.name())));
        bySession.put(key, listener);
        synchronized (listener) {
            attach(listener, response);
            response.closeHandler(v -> bySession.invalidate(key));
        }
        send(listener, JsonRpc.notification("notifications/subscriptions/acknowledged", json.createObjectNode().set("notifications", agreed)));
    }

    private static void attach(Listener listener, HttpServerResponse response) {
        listener.response = response;
        listener.context = Vertx.currentContext();
        response.setStatusCode(200).setChunked(true).putHeader(HttpHeaders.CONTENT_TYPE, "text/event-stream")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache");
    }

    private void resume(Listener listener, String lastEventId) {
        long after = sequenceOf(lastEventId);
        Sent oldest = listener.sent.peekFirst();
        if (after < 0 || oldest == null && after < listener.sequence || oldest != null && oldest.sequence() > after + 1) {
            ALL_LISTS.forEach(method -> send(listener, JsonRpc.notification(method, null)));
            return;
        }
        listener.sent.stream().filter(sent -> sent.sequence() > after).forEach(sent -> listener.response.write(sent.data()));
    }

    /** An upstream's notice (from any replica): to the streams of the sessions it concerns. */
    void upstreamNotified(String tenant, String server, String method, JsonNode params) {
        String uri = params == null ? null : params.path("uri").textValue();
        for (Listener listener : bySession.asMap().values()) {
            McpSessions.Session session = listener.session;
            boolean aggregate = McpRoute.AGGREGATE.equals(session.endpoint());
            if (!session.tenant().equals(tenant) || !listener.wants(method)) {
                continue;
            }
            if (!aggregate && !session.endpoint().equals(server)) {
                if (TOOLS_CHANGED.equals(method) && selects(tenant, session.endpoint(), Set.of(server))) {
                    send(listener, JsonRpc.notification(method, null));
                }
                continue;
            }
            if (!RESOURCE_UPDATED.equals(method)) {
                send(listener, JsonRpc.notification(method, null));
            } else if (uri != null && listener.subscriptions.contains(subscription(server, uri))) {
                ObjectNode updated = json.createObjectNode().put("uri", aggregate ? AggregateNames.RESOURCE_SCHEME + server + "/" + uri : uri);
                send(listener, JsonRpc.notification(method, updated));
            }
        }
    }

    /** This replica's directory saw servers of a tenant change: what the sessions on them may use changed too. */
    void serversChanged(@Observes ServersChanged change) {
        for (Listener listener : bySession.asMap().values()) {
            McpSessions.Session session = listener.session;
            if (session.tenant().equals(change.tenant()) && (McpRoute.AGGREGATE.equals(session.endpoint())
                    || change.servers().contains(session.endpoint()) || selects(change.tenant(), session.endpoint(), change.servers()))) {
                ALL_LISTS.stream().filter(listener::wants).forEach(method -> send(listener, JsonRpc.notification(method, null)));
            }
        }
    }

    /** A session (un)subscribed to a server's resource, on any replica. */
    void subscription(String sessionId, McpSessions.Session session, String server, String uri, boolean subscribed) {
        Listener listener = bySession.get(sessionId, ignored -> new Listener(session));
        if (subscribed) {
            listener.subscriptions.add(subscription(server, uri));
        } else {
            listener.subscriptions.remove(subscription(server, uri));
        }
    }

    private void send(Listener listener, ObjectNode message) {
        if (listener.subscriptionId != null) {
            ObjectNode params = message.get("params") instanceof ObjectNode given ? given : message.putObject("params");
            (params.get("_meta") instanceof ObjectNode meta ? meta : params.putObject("_meta"))
                    .set("io.modelcontextprotocol/subscriptionId", listener.subscriptionId);
        }
        synchronized (listener) {
            long sequence = ++listener.sequence;
            Buffer data;
            try {
                data = Buffer.buffer("id: " + replica + "." + sequence + "\nevent: message\ndata: ")
                        .appendBytes(json.writeValueAsBytes(message)).appendString("\n\n");
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a JSON tree could not be written", e);
            }
            listener.sent.addLast(new Sent(sequence, data));
            while (listener.sent.size() > backlog) {
                listener.sent.removeFirst();
            }
            if (listener.connected()) {
                listener.write(data);
            }
        }
    }

    private void heartbeat() {
        for (var each : bySession.asMap().entrySet()) {
            Listener listener = each.getValue();
            synchronized (listener) {
                if (listener.connected()) {
                    bySession.getIfPresent(each.getKey()); // a connected stream is in use: it does not expire
                    listener.write(HEARTBEAT);
                }
            }
        }
    }

    /** Whether {@code endpoint} is a virtual server that offers tools of one of {@code servers}: their changes are its. */
    private boolean selects(String tenant, String endpoint, Set<String> servers) {
        return directory.find(tenant, endpoint).filter(UpstreamTarget::virtual)
                .filter(virtual -> virtual.tools().stream().anyMatch(tool -> servers.contains(tool.server()))).isPresent();
    }

    /** The sequence number of one of this replica's event ids; -1 for another's or none. */
    private long sequenceOf(String eventId) {
        String prefix = replica + ".";
        if (!eventId.startsWith(prefix)) {
            return -1;
        }
        try {
            return Long.parseLong(eventId.substring(prefix.length()));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String subscription(String server, String uri) {
        return server + "\n" + uri;
    }
}
