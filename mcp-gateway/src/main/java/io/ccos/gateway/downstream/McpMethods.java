package io.ccos.gateway.downstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ccos.gateway.calls.ToolCalls;
import io.ccos.gateway.jsonrpc.JsonRpcError;
import io.ccos.gateway.downstream.Aggregation.Listing;
import io.ccos.gateway.upstream.UpstreamConnections;
import io.ccos.gateway.upstream.UpstreamTarget;
import io.ccos.gateway.upstream.VirtualTool;
import io.vertx.core.Future;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * What the gateway answers for each MCP method. On /servers/{name}/mcp a request is relayed to that server
 * with its own names (the gateway answers initialize, server/discover and ping itself, and governs
 * tools/call); /mcp offers what every server of the caller offers ({@link Aggregation}).
 */
@ApplicationScoped
public class McpMethods {

    /** What a virtual server answers: it has tools of other servers, and nothing else. */
    private static final Set<String> VIRTUAL_METHODS = Set.of("initialize", "server/discover", "ping", "tools/list", "tools/call");
    /** The results the stateless revision gives caching hints. */
    private static final Set<String> CACHEABLE = Set.of("server/discover", "tools/list", "prompts/list", "resources/list",
            "resources/templates/list", "resources/read");

    private final CallerServers servers;
    private final Aggregation aggregation;
    private final UpstreamConnections connections;
    private final ToolCalls calls;
    private final ObjectMapper json;
    private final String separator;
    private final SessionStreams streams;
    private final McpSessions sessions;
    private final ReplicaRelay relay;

    public McpMethods(CallerServers servers, Aggregation aggregation, UpstreamConnections connections, ToolCalls calls, ObjectMapper json,
            McpConfig config, SessionStreams streams, McpSessions sessions, ReplicaRelay relay) {
        this.streams = streams;
        this.sessions = sessions;
        this.relay = relay;
        this.servers = servers;
        this.aggregation = aggregation;
        this.connections = connections;
        this.calls = calls;
        this.json = json;
        this.separator = config.separator();
    }

    /** The result of a request; fails with a JsonRpcError. */
    public Future<JsonNode> answer(McpRequest request) {
        if (request.server() != null && !VIRTUAL_METHODS.contains(request.method()) && target(request, request.server()).virtual()) {
            return Future.failedFuture(new JsonRpcError(JsonRpcError.METHOD_NOT_FOUND, request.server() + " is a virtual server: it offers "
                    + VIRTUAL_METHODS + " only"));
        }
        Future<JsonNode> result = switch (request.method()) {
            case "initialize" -> initialize(request);
            case "server/discover" -> discover(request);
            case "ping" -> Future.succeededFuture(json.createObjectNode());
            case "tools/list" -> request.server() == null ? aggregation.list(request, Listing.TOOLS) : serverTools(request, target(request, request.server()));
            case "tools/call" -> callTool(request);
            case "resources/subscribe", "resources/unsubscribe" -> subscription(request);
            default -> request.server() == null ? aggregated(request) : relay(request, target(request, request.server()));
        };
        return request.stateless() ? result.map(answer -> complete(request.method(), answer)) : result;
    }

    /** The rest of what /mcp offers: the prompts, resources and templates of every server, and requests that name one. */
    private Future<JsonNode> aggregated(McpRequest request) {
        return switch (request.method()) {
            case "prompts/list" -> aggregation.list(request, Listing.PROMPTS);
            case "resources/list" -> aggregation.list(request, Listing.RESOURCES);
            case "resources/templates/list" -> aggregation.list(request, Listing.RESOURCE_TEMPLATES);
            case "prompts/get" -> aggregation.getPrompt(request, upstreamParams(request.params()));
            case "resources/read" -> aggregation.readResource(request, upstreamParams(request.params()));
            case "completion/complete" -> aggregation.complete(request, upstreamParams(request.params()));
            default -> Future.failedFuture(new JsonRpcError(JsonRpcError.METHOD_NOT_FOUND, request.method()
                    + " is not offered on /mcp, which aggregates tools, prompts and resources; use /servers/{name}/mcp for everything else a server offers"));
        };
    }

    private Future<JsonNode> initialize(McpRequest request) {
        return serverDescription(request).map(description -> {
            ObjectNode result = json.createObjectNode().put("protocolVersion", ProtocolVersions.negotiate(request.params().get("protocolVersion")));
            result.set("capabilities", relayable(description.path("capabilities")));
            result.set("serverInfo", description.path("serverInfo"));
            if (description.hasNonNull("instructions")) {
                result.set("instructions", description.get("instructions"));
            }
            return result;
        });
    }

    /** The 2026-07-28 revision's description of a server: what it speaks and offers. */
    private Future<JsonNode> discover(McpRequest request) {
        return serverDescription(request).map(description -> {
            ObjectNode result = json.createObjectNode();
            ArrayNode versions = result.putArray("supportedVersions");
            ProtocolVersions.ALL.forEach(versions::add);
            result.set("capabilities", relayable(description.path("capabilities")));
            if (description.hasNonNull("instructions")) {
                result.set("instructions", description.get("instructions"));
            }
            result.putObject("_meta").set("io.modelcontextprotocol/serverInfo", description.path("serverInfo"));
            return result;
        });
    }

    /** capabilities, serverInfo and instructions: the upstream's own on /servers/{name}/mcp, the gateway's on /mcp. */
    private Future<ObjectNode> serverDescription(McpRequest request) {
        UpstreamTarget target = request.server() == null ? null : target(request, request.server());
        if (target != null && !target.virtual()) {
            return connections.initialized(target);
        }
        ObjectNode description = json.createObjectNode();
        ObjectNode capabilities = description.putObject("capabilities");
        capabilities.putObject("tools").put("listChanged", true);
        if (target != null) {
            description.putObject("serverInfo").put("name", target.name()).put("version", version());
            description.put("instructions", "Tools of your organization's MCP servers, named <server>" + separator + "<tool>.");
            return Future.succeededFuture(description);
        }
        capabilities.putObject("prompts").put("listChanged", true);
        capabilities.putObject("resources").put("listChanged", true).put("subscribe", true);
        capabilities.putObject("completions");
        description.putObject("serverInfo").put("name", "ccos-mcp-gateway").put("version", version());
        description.put("instructions", "The tools and prompts of your organization's MCP servers, named <server>" + separator
                + "<name>, and their resources, addressed as " + AggregateNames.RESOURCE_SCHEME + "<server>/<the server's URI>.");
        return Future.succeededFuture(description);
    }

    /**
     * The upstream's capabilities that reach the client through the gateway: tasks and experimental ones are not
     * relayed, so they are not announced. A list the upstream does not say changes may still change for the
     * caller (its access rules, the registration): list_changed is always announced.
     */
    private ObjectNode relayable(JsonNode capabilities) {
        ObjectNode relayed = json.createObjectNode();
        for (String kind : List.of("tools", "prompts", "resources", "logging", "completions")) {
            if (capabilities.get(kind) instanceof ObjectNode declared) {
                ObjectNode copy = declared.deepCopy();
                if (!"logging".equals(kind) && !"completions".equals(kind)) {
                    copy.put("listChanged", true);
                }
                relayed.set(kind, copy);
            }
        }
        return relayed;
    }

    /**
     * resources/subscribe and /unsubscribe: a session's, told to every replica so that the one holding its stream
     * passes the resource's updates on. The upstream hears the subscribe on this replica's connection, which all
     * the tenant's callers share: an unsubscribe is therefore not passed on (another session may still want the
     * updates); the gateway stops passing them to this session.
     */
    private Future<JsonNode> subscription(McpRequest request) {
        if (request.stateless()) {
            return Future.failedFuture(new JsonRpcError(JsonRpcError.METHOD_NOT_FOUND, request.method()
                    + " needs a session (initialize): updates come on its stream"));
        }
        JsonNode uri = request.params().get("uri");
        if (uri == null || !uri.isTextual()) {
            return Future.failedFuture(JsonRpcError.invalidParams(request.method() + " needs params.uri, the resource's URI"));
        }
        String server = request.server();
        String resource = uri.textValue();
        if (server == null) {
            var qualified = aggregation.ofUri(resource);
            server = qualified.server();
            resource = qualified.name();
        }
        boolean subscribe = "resources/subscribe".equals(request.method());
        UpstreamTarget target = target(request, server);
        Future<JsonNode> upstream = subscribe ? connections.subscribe(target, resource) : Future.succeededFuture(json.createObjectNode());
        String named = server;
        String subscribed = resource;
        return upstream.andThen(done -> {
            if (done.succeeded()) {
                sessions.read(request.sessionId()).ifPresent(session -> streams.subscription(request.sessionId(), session, named, subscribed, subscribe));
                relay.resourceSubscription(new ResourceSubscription(request.sessionId(), named, subscribed, subscribe));
            }
        });
    }

    /**
     * The resources a stateless client's subscriptions/listen asks updates of (its
     * {@code notifications.resourceSubscriptions}), as server and URI, each subscribed to on this replica's
     * connection to its server. A URI that names no server of the caller fails the request with -32602.
     */
    Future<List<AggregateNames.Qualified>> listenedResources(McpRequest request) {
        List<AggregateNames.Qualified> resources = new java.util.ArrayList<>();
        for (JsonNode uri : request.params().path("notifications").path("resourceSubscriptions")) {
            if (!uri.isTextual()) {
                return Future.failedFuture(JsonRpcError.invalidParams("notifications.resourceSubscriptions holds resource URIs"));
            }
            resources.add(request.server() == null ? aggregation.ofUri(uri.textValue()) : new AggregateNames.Qualified(request.server(), uri.textValue()));
        }
        List<Future<JsonNode>> subscribed = resources.stream()
                .map(resource -> connections.subscribe(target(request, resource.server()), resource.name())).toList();
        return Future.all(subscribed).map(done -> resources);
    }

    private Future<JsonNode> callTool(McpRequest request) {
        JsonNode name = request.params().get("name");
        if (name == null || !name.isTextual() || name.textValue().isEmpty()) {
            return Future.failedFuture(JsonRpcError.invalidParams("tools/call needs params.name, the tool's name"));
        }
        JsonNode arguments = request.params().get("arguments");
        if (arguments != null && !arguments.isObject() && !arguments.isNull()) {
            return Future.failedFuture(JsonRpcError.invalidParams("params.arguments must be an object"));
        }
        UpstreamTarget endpoint = request.server() == null ? null : target(request, request.server());
        UpstreamTarget target;
        String tool;
        if (endpoint != null && !endpoint.virtual()) {
            target = endpoint;
            tool = name.textValue();
        } else {
            // /mcp, or a virtual server: the name says the server (<server>__<tool>).
            if (endpoint != null && !offers(endpoint, request, name.textValue())) {
                return Future.failedFuture(JsonRpcError.invalidParams("Unknown tool: " + name.textValue()));
            }
            var qualified = aggregation.names().ofName(name.textValue());
            if (qualified.isEmpty()) {
                return Future.failedFuture(JsonRpcError.invalidParams("Unknown tool " + name.textValue() + ": tools on /mcp are named <server>"
                        + separator + "<tool>"));
            }
            target = target(request, qualified.get().server());
            tool = qualified.get().name();
        }
        ObjectNode params = upstreamParams(request.params());
        params.put("name", tool);
        if (!target.access().allowsTool(request.accessor(), tool)) {
            // Neither listed nor callable: answered as an unknown tool, and audited as denied.
            calls.refused(request, target, tool, params, "not allowed by the access rules of " + target.name());
            return Future.failedFuture(JsonRpcError.invalidParams("Unknown tool: " + name.textValue()));
        }
        return calls.call(request, target, tool, params);
    }

    /**
     * Whether a virtual server offers the caller {@code name} (<server>__<tool>): it selected that tool, and its
     * own access rules let the caller use it (the tool's server's rules apply when it is called).
     */
    private boolean offers(UpstreamTarget virtual, McpRequest request, String name) {
        return aggregation.names().ofName(name)
                .filter(qualified -> virtual.tools().contains(new VirtualTool(qualified.server(), qualified.name())))
                .isPresent() && virtual.access().allowsTool(request.accessor(), name);
    }

    /** One server's tools/list, as it answered, without the tools the caller may not use. */
    private Future<JsonNode> serverTools(McpRequest request, UpstreamTarget target) {
        if (target.virtual()) {
            Set<String> selected = target.tools().stream().map(VirtualTool::server).collect(java.util.stream.Collectors.toSet());
            List<UpstreamTarget> targets = servers.all(request).stream().filter(server -> selected.contains(server.name())).toList();
            return aggregation.list(request, Listing.TOOLS, targets, name -> offers(target, request, name));
        }
        return relay(request, target).map(result -> {
            if (result.get("tools") instanceof ArrayNode tools) {
                var accessor = request.accessor();
                for (Iterator<JsonNode> each = tools.iterator(); each.hasNext();) {
                    if (!target.access().allowsTool(accessor, each.next().path("name").asText())) {
                        each.remove();
                    }
                }
            }
            return result;
        });
    }

    private Future<JsonNode> relay(McpRequest request, UpstreamTarget target) {
        return connections.call(target, request.method(), upstreamParams(request.params()), request.control());
    }

    /**
     * The client's params for an upstream: the stateless revision's _meta keys are the gateway's to read, not to
     * pass on, and so is the client's progress token (the upstream gets one of the gateway's, per connection).
     */
    private static ObjectNode upstreamParams(ObjectNode params) {
        ObjectNode copy = params.deepCopy();
        if (copy.get("_meta") instanceof ObjectNode meta) {
            for (Iterator<String> keys = meta.fieldNames(); keys.hasNext();) {
                String key = keys.next();
                if (key.startsWith("io.modelcontextprotocol/") || key.equals("progressToken")) {
                    keys.remove();
                }
            }
            if (meta.isEmpty()) {
                copy.remove("_meta");
            }
        }
        return copy;
    }

    private UpstreamTarget target(McpRequest request, String server) {
        return servers.named(request, server);
    }

    /**
     * A result of the stateless revision says it is complete (not a request for more input), and what a client may
     * cache says for how long and for whom: not at all, and only for this caller, since what a caller sees depends
     * on its access rules and on registrations that may change at any time.
     */
    private static JsonNode complete(String method, JsonNode result) {
        if (result instanceof ObjectNode object) {
            if (!object.has("resultType")) {
                object.put("resultType", "complete");
            }
            if (CACHEABLE.contains(method)) {
                if (!object.has("ttlMs")) {
                    object.put("ttlMs", 0);
                }
                if (!object.has("cacheScope")) {
                    object.put("cacheScope", "private");
                }
            }
        }
        return result;
    }

    private static String version() {
        String version = McpMethods.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
