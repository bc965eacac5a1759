package io.ccos.gateway.downstream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ccos.contracts.security.Permissions;
import io.ccos.gateway.access.Caller;
import io.ccos.gateway.jsonrpc.JsonRpc;
import io.ccos.gateway.jsonrpc.JsonRpcError;
import io.ccos.gateway.limits.TenantLimits;
import io.ccos.gateway.upstream.CallControl;
import io.ccos.gateway.registry.UpstreamDirectory;
import io.ccos.platform.edge.JsonBodies;
import io.ccos.platform.problem.ProblemException;
import io.ccos.platform.problem.ProblemResponses;
import io.ccos.platform.problem.ProblemWriter;
import io.ccos.platform.security.PermissionNames;
import io.ccos.platform.tenancy.CallerTenant;
import io.ccos.platform.tenancy.RouteCaller;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.StringPermission;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The MCP endpoints (Streamable HTTP): {@code /mcp}, every server of the caller's tenant, and
 * {@code /servers/{name}/mcp}, one server with its own names. A client of the session-based revisions
 * initializes and sends the signed session id it gets back ({@link McpSessions}: any replica serves any
 * request); a client of the stateless revision (2026-07-28) names its version in each request's _meta.
 *
 * <p>A plain Vert.x route, as hook-service's decisions: a governed call is on the path users time, and the
 * caller is admitted and the body read exactly as the REST layer does it ({@link RouteCaller},
 * {@link JsonBodies}). Protocol failures are JSON-RPC errors; authentication failures are problems with the
 * challenge the MCP authorization spec asks for.
 */
@ApplicationScoped
public class McpRoute {

    private static final Logger LOG = Logger.getLogger(McpRoute.class);
    static final String SESSION_HEADER = "Mcp-Session-Id";
    static final String VERSION_HEADER = "MCP-Protocol-Version";
    private static final StringPermission CALL = PermissionNames.of(Permissions.TOOLS_CALL);
    /** The endpoint a session of /mcp is on. */
    static final String AGGREGATE = "*";

    private final RouteCaller callers;
    private final CallerTenant tenant;
    private final JsonBodies bodies;
    private final ProblemWriter problems;
    private final McpMethods methods;
    private final McpSessions sessions;
    private final UpstreamDirectory directory;
    private final ProtectedResource resource;
    private final ObjectMapper json;
    private final OriginCheck origins;
    private final TenantLimits limits;
    private final CallsInFlight calls;
    private final ClientRequests clientRequests;
    private final ReplicaRelay relay;
    private final SessionStreams streams;

    public McpRoute(RouteCaller callers, CallerTenant tenant, JsonBodies bodies, ProblemWriter problems, McpMethods methods,
            McpSessions sessions, UpstreamDirectory directory, ProtectedResource resource, ObjectMapper json, McpConfig config,
            TenantLimits limits, CallsInFlight calls, ClientRequests clientRequests, ReplicaRelay relay, SessionStreams streams) {
        this.streams = streams;
        this.limits = limits;
        this.calls = calls;
        this.clientRequests = clientRequests;
        this.relay = relay;
        this.callers = callers;
        this.tenant = tenant;
        this.bodies = bodies;
        this.problems = problems;
        this.methods = methods;
        this.sessions = sessions;
        this.directory = directory;
        this.resource = resource;
        this.json = json;
        this.origins = new OriginCheck(config.allowedOrigins().orElse(List.of()), config.publicUrl());
    }

    void register(@Observes Router router) {
        router.route("/mcp").handler(this::serve);
        router.route("/servers/:server/mcp").handler(this::serve);
    }

    void serve(RoutingContext context) {
        String origin = context.request().getHeader(HttpHeaders.ORIGIN);
        if (!origins.allows(origin, context.request().getHeader(HttpHeaders.HOST))) {
            // A browser page of another origin (DNS rebinding): the transport says to refuse it.
            context.request().resume();
            write(context, 403, JsonRpc.error(null, new JsonRpcError(JsonRpcError.INVALID_REQUEST,
                    "Origin " + origin + " is not allowed: not the gateway's own under a name it answers to, nor in ccos.gateway.mcp.allowed-origins")));
            return;
        }
        if (context.request().method() == HttpMethod.GET) {
            String server = context.pathParam("server");
            callers.admit(context, CALL).onSuccess(identity -> sessionStream(context, identity, server)).onFailure(failure -> refuse(context, failure));
            return;
        }
        if (context.request().method() != HttpMethod.POST) {
            // No explicit session end (DELETE): session ids are signed, not stored; sessions end when they expire.
            context.request().resume();
            context.response().setStatusCode(405).putHeader(HttpHeaders.ALLOW, "GET, POST").end();
            return;
        }
        bodies.hold(context);
        String server = context.pathParam("server");
        callers.admit(context, CALL)
                .compose(identity -> bodies.read(context).recover(McpRoute::unreadable).map(body -> handle(context, identity, server, body)))
                .onFailure(failure -> refuse(context, failure));
    }

    /**
     * A GET: the session's stream of what happens about no call ({@link SessionStreams}). The stateless revision
     * has none (405, as the transport says for an endpoint without one).
     */
    private void sessionStream(RoutingContext context, SecurityIdentity identity, String server) {
        context.request().resume();
        if (!CallStream.readable(context.request().getHeader(HttpHeaders.ACCEPT))) {
            write(context, 406, JsonRpc.error(null, new JsonRpcError(JsonRpcError.INVALID_REQUEST, "A GET opens an event stream: Accept text/event-stream")));
            return;
        }
        if (refusedServer(context, identity, server, null)) {
            return;
        }
        String sessionId = context.request().getHeader(SESSION_HEADER);
        if (sessionId == null) {
            context.response().setStatusCode(405).putHeader(HttpHeaders.ALLOW, "POST").end();
            return;
        }
        Optional<McpSessions.Session> session = session(context, identity, server == null ? AGGREGATE : server);
        if (session == null) {
            write(context, 404, JsonRpc.error(null, new JsonRpcError(JsonRpcError.INVALID_REQUEST, "Unknown or expired session: initialize a new one")));
            return;
        }
        streams.open(context.response(), session.get(), sessionId, context.request().getHeader("Last-Event-ID"));
    }

    /** A stateless client's subscriptions/listen: its stream, once the resources it names are subscribed to upstream. */
    private void subscriptionStream(RoutingContext context, McpRequest request, String endpoint) {
        methods.listenedResources(request).onComplete(done -> {
            if (done.failed()) {
                write(context, 200, JsonRpc.error(request.id(), rpcError(done.cause())));
            } else {
                streams.listen(context.response(), new McpSessions.Session(request.tenant(), request.user(), endpoint, request.protocolVersion(),
                        System.currentTimeMillis()), request.id(), request.params().path("notifications"), done.result());
            }
        });
    }

    /** A message read; answered here for everything but a request, whose answer comes from {@link McpMethods}. */
    private Void handle(RoutingContext context, SecurityIdentity identity, String server, JsonNode body) {
        JsonNode id = body instanceof ObjectNode object && object.has("id") ? object.get("id") : null;
        try {
            JsonRpc.Kind kind = JsonRpc.kindOf(body);
            if (refusedServer(context, identity, server, id)) {
                return null;
            }
            checkVersionHeader(context);
            ObjectNode message = (ObjectNode) body;
            String method = message.path("method").asText();
            ObjectNode params = message.get("params") instanceof ObjectNode given ? given : json.createObjectNode();
            String endpoint = server == null ? AGGREGATE : server;
            boolean stateless = kind == JsonRpc.Kind.REQUEST && context.request().getHeader(SESSION_HEADER) == null
                    && StatelessRequests.speaks(context.request().getHeader(VERSION_HEADER), params);
            if (stateless) {
                StatelessRequests.check(method, params, context.request()::getHeader);
            }
            boolean opening = "initialize".equals(method) || "server/discover".equals(method);
            Optional<McpSessions.Session> session = opening && kind == JsonRpc.Kind.REQUEST ? Optional.empty() : session(context, identity, endpoint);
            if (session == null) {
                write(context, 404, JsonRpc.error(id, new JsonRpcError(JsonRpcError.INVALID_REQUEST,
                        "Unknown or expired session: initialize a new one")));
                return null;
            }
            if (kind != JsonRpc.Kind.REQUEST) {
                received(kind, method, params, message, identity.getPrincipal().getName(),
                        session.map(ignored -> context.request().getHeader(SESSION_HEADER)).orElse(""));
                context.response().setStatusCode(202).end();
                return null;
            }
            String version;
            if (stateless) {
                version = ProtocolVersions.STATELESS;
            } else if (opening) {
                version = "initialize".equals(method) ? ProtocolVersions.negotiate(params.get("protocolVersion")) : ProtocolVersions.STATELESS;
            } else if (session.isPresent()) {
                version = session.get().protocolVersion();
            } else {
                version = ProtocolVersions.statelessVersion(params);
                if (!ProtocolVersions.STATELESS.equals(version)) {
                    write(context, 400, JsonRpc.error(id, new JsonRpcError(JsonRpcError.INVALID_REQUEST, version == null
                            ? "Mcp-Session-Id is missing: initialize first, or name protocol version " + ProtocolVersions.STATELESS
                                    + " in params._meta[\"" + ProtocolVersions.META_VERSION + "\"]"
                            : "Protocol version " + version + " is not one this gateway speaks without a session; it speaks "
                                    + ProtocolVersions.ALL)));
                    return null;
                }
            }
            if (stateless && "subscriptions/listen".equals(method)) {
                limits.admit(tenant.id()).run(); // counted against the rate; a stream is not a request in flight
                subscriptionStream(context, new McpRequest(id, method, params, identity, tenant.id(), server, version, null, CallControl.none()), endpoint);
                return null;
            }
            Runnable admitted = limits.admit(tenant.id());
            String sessionId = session.isPresent() ? context.request().getHeader(SESSION_HEADER) : null;
            JsonNode progressToken = CallStream.progressToken(params);
            boolean readable = CallStream.readable(context.request().getHeader(HttpHeaders.ACCEPT));
            CallStream stream = new CallStream(context.response(), readable, progressToken, sessionId == null ? null
                    : new ClientRequests.Client(tenant.id(), identity.getPrincipal().getName(), sessionId),
                    stateless ? params.path("_meta").path(StatelessRequests.CLIENT_CAPABILITIES) : null, clientRequests, json);
            CallControl control = new CallControl(stream, progressToken != null && readable);
            CallsInFlight.Key inFlight = new CallsInFlight.Key(tenant.id(), identity.getPrincipal().getName(), sessionId == null ? "" : sessionId, id.toString());
            calls.started(inFlight, control);
            McpRequest request = new McpRequest(id, method, params, identity, tenant.id(), server, version,
                    "initialize".equals(method) ? "" : sessionId, control);
            Future.<Void>succeededFuture().compose(ignored -> methods.answer(request)).onComplete(done -> {
                admitted.run();
                calls.ended(inFlight, control);
                if (done.succeeded() && "initialize".equals(method)) {
                    context.response().putHeader(SESSION_HEADER, sessions.open(tenant.id(), request.user(), endpoint, version));
                }
                JsonRpcError error = stream.refusal() != null ? stream.refusal() : done.succeeded() ? null : rpcError(done.cause());
                ObjectNode answer = error == null ? JsonRpc.result(id, done.result()) : JsonRpc.error(id, error);
                if (!stream.finish(answer)) {
                    // The stateless revision answers a method the server lacks with 404 too.
                    write(context, error == null ? 200 : stateless && error.code() == JsonRpcError.METHOD_NOT_FOUND ? 404
                            : stateless ? error.httpStatus() : 200, answer);
                }
            });
        } catch (JsonRpcError error) {
            write(context, error.httpStatus(), JsonRpc.error(id, error));
        }
        return null;
    }

    /**
     * A client's message that is not a request: its answer to a request the gateway relayed to it, or a cancel
     * (passed on to the other replicas when this one is not answering the request). Nothing else waits for one
     * (initialized, progress): each upstream has this replica's own session.
     */
    private void received(JsonRpc.Kind kind, String method, ObjectNode params, ObjectNode message, String user, String sessionId) {
        if (kind == JsonRpc.Kind.RESPONSE && !sessionId.isEmpty()) {
            clientRequests.answered(new ClientRequests.Client(tenant.id(), user, sessionId), message);
        } else if ("notifications/cancelled".equals(method) && params.hasNonNull("requestId")) {
            String requestId = params.get("requestId").toString();
            if (!calls.cancel(new CallsInFlight.Key(tenant.id(), user, sessionId, requestId))) {
                relay.clientCancelled(new ClientCancelled(user, sessionId, requestId));
            }
        }
    }

    /** Answers 404 for a server of /servers/{name}/mcp that the tenant lacks or the caller may not use. */
    private boolean refusedServer(RoutingContext context, SecurityIdentity identity, String server, JsonNode id) {
        if (server == null || directory.find(tenant.id(), server).filter(target -> target.access().allowsServer(Caller.of(identity))).isPresent()) {
            return false;
        }
        write(context, 404, JsonRpc.error(id, new JsonRpcError(JsonRpcError.INVALID_REQUEST, "No MCP server named " + server + " in your organization")));
        return true;
    }

    /**
     * The caller's session: empty without a session id, null for an id that is not a live session of this
     * caller on this endpoint (the transport's 404: the client initializes again).
     */
    private Optional<McpSessions.Session> session(RoutingContext context, SecurityIdentity identity, String endpoint) {
        String id = context.request().getHeader(SESSION_HEADER);
        if (id == null) {
            return Optional.empty();
        }
        return sessions.read(id)
                .filter(session -> session.tenant().equals(tenant.id()) && session.user().equals(identity.getPrincipal().getName())
                        && session.endpoint().equals(endpoint))
                .map(Optional::of)
                .orElse(null);
    }

    private static void checkVersionHeader(RoutingContext context) {
        String version = context.request().getHeader(VERSION_HEADER);
        if (version != null && !ProtocolVersions.ALL.contains(version)) {
            throw StatelessRequests.unsupported(version);
        }
    }

    /** A body that could not be read as JSON (or was refused for its size or type) is a JSON-RPC error with its HTTP status. */
    private static Future<JsonNode> unreadable(Throwable failure) {
        if (failure instanceof JsonProcessingException malformed) {
            return Future.failedFuture(new JsonRpcError(JsonRpcError.PARSE_ERROR,
                    "Parse error: " + ProblemResponses.malformed(malformed, "").detail(), null, 400));
        }
        if (failure instanceof ProblemException problem) {
            int status = problem.type().status();
            String detail = problem.getMessage();
            return Future.failedFuture(new JsonRpcError(status == 400 ? JsonRpcError.PARSE_ERROR : JsonRpcError.INVALID_REQUEST,
                    (status == 400 ? "Parse error: " : "") + detail, null, status));
        }
        return Future.failedFuture(failure);
    }

    private static JsonRpcError rpcError(Throwable failure) {
        if (failure instanceof JsonRpcError error) {
            return error;
        }
        String traceId = io.opentelemetry.api.trace.Span.current().getSpanContext().getTraceId();
        LOG.errorf(failure, "An MCP request failed unexpectedly (trace %s)", traceId);
        return new JsonRpcError(JsonRpcError.INTERNAL_ERROR, "The gateway failed to answer; quote trace id " + traceId + " to your operator");
    }

    private void refuse(RoutingContext context, Throwable failure) {
        bodies.release(context);
        switch (failure) {
            case JsonRpcError error -> write(context, error.httpStatus(), JsonRpc.error(null, error));
            case AuthenticationFailedException e -> problems.sendUnauthenticated(context, resource.challenge(context));
            case UnauthorizedException e -> problems.sendUnauthenticated(context, resource.challenge(context));
            default -> problems.send(context, failure);
        }
    }

    private void write(RoutingContext context, int status, ObjectNode message) {
        if (context.response().ended()) {
            return;
        }
        byte[] body;
        try {
            body = json.writeValueAsBytes(message);
        } catch (JsonProcessingException e) {
            problems.send(context, e);
            return;
        }
        context.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(Buffer.buffer(body));
    }
}
