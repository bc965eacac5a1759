package io.ccos.gateway.downstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ccos.gateway.downstream.AggregateNames.Qualified;
import io.ccos.gateway.jsonrpc.JsonRpcError;
import io.ccos.gateway.upstream.UpstreamConnections;
import io.ccos.gateway.upstream.UpstreamTarget;
import io.vertx.core.Future;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.jboss.logging.Logger;

/**
 * What /mcp offers: the tools, prompts, resources and resource templates of every server the caller may
 * use, under names that lead back to their server ({@link AggregateNames}), and the requests that name one
 * of them (prompts/get, resources/read, completion/complete) routed to that server with its own name.
 * One server down or slow to list hides only its own entries.
 */
@ApplicationScoped
public class Aggregation {

    private static final Logger LOG = Logger.getLogger(Aggregation.class);
    /** How many pages of one upstream's list the aggregate follows. */
    private static final int MAX_PAGES = 20;

    /** A list method, where its items are in the result, and the capability a server declares when it has them. */
    enum Listing {
        TOOLS("tools/list", "tools", "tools"),
        PROMPTS("prompts/list", "prompts", "prompts"),
        RESOURCES("resources/list", "resources", "resources"),
        RESOURCE_TEMPLATES("resources/templates/list", "resourceTemplates", "resources");

        final String method;
        final String field;
        final String capability;

        Listing(String method, String field, String capability) {
            this.method = method;
            this.field = field;
            this.capability = capability;
        }
    }

    private final CallerServers servers;
    private final UpstreamConnections connections;
    private final ObjectMapper json;
    private final AggregateNames names;

    public Aggregation(CallerServers servers, UpstreamConnections connections, ObjectMapper json, McpConfig config) {
        this.servers = servers;
        this.connections = connections;
        this.json = json;
        this.names = new AggregateNames(config.separator());
    }

    AggregateNames names() {
        return names;
    }

    /** Everything of one kind that the caller's servers offer, renamed, in one page. */
    Future<JsonNode> list(McpRequest request, Listing listing) {
        return list(request, listing, servers.all(request), name -> true);
    }

    /** What {@code targets} offer of one kind, renamed, of which only the names {@code kept} keeps. */
    Future<JsonNode> list(McpRequest request, Listing listing, List<UpstreamTarget> targets, Predicate<String> kept) {
        List<Future<List<JsonNode>>> lists = new ArrayList<>();
        for (UpstreamTarget target : targets) {
            lists.add(listOf(request, target, listing).recover(failure -> {
                LOG.warnf("%s of %s failed: %s", listing.method, target.label(), failure.getMessage());
                return Future.succeededFuture(List.of());
            }));
        }
        return Future.join(lists).map(done -> {
            ObjectNode result = json.createObjectNode();
            ArrayNode items = result.putArray(listing.field);
            lists.forEach(list -> list.result().stream().filter(item -> kept.test(item.path("name").asText())).forEach(items::add));
            return result;
        });
    }

    private Future<List<JsonNode>> listOf(McpRequest request, UpstreamTarget target, Listing listing) {
        return connections.initialized(target).compose(initialized -> initialized.path("capabilities").has(listing.capability)
                ? pages(request, target, listing, null, new ArrayList<>(), 0)
                : Future.succeededFuture(List.of()));
    }

    private Future<List<JsonNode>> pages(McpRequest request, UpstreamTarget target, Listing listing, String cursor, List<JsonNode> found, int page) {
        ObjectNode params = json.createObjectNode();
        if (cursor != null) {
            params.put("cursor", cursor);
        }
        return connections.call(target, listing.method, params).compose(result -> {
            for (JsonNode item : result.path(listing.field)) {
                if (item instanceof ObjectNode entry) {
                    ObjectNode renamed = renamed(request, target, listing, entry);
                    if (renamed != null) {
                        found.add(renamed);
                    }
                }
            }
            String next = result.path("nextCursor").textValue();
            return next == null || page + 1 >= MAX_PAGES ? Future.succeededFuture(found) : pages(request, target, listing, next, found, page + 1);
        });
    }

    /** The entry under its aggregate name; null when the caller may not see it or it has no name to give. */
    private ObjectNode renamed(McpRequest request, UpstreamTarget target, Listing listing, ObjectNode entry) {
        String name = entry.path("name").textValue();
        if (name == null || listing == Listing.TOOLS && !target.access().allowsTool(request.accessor(), name)) {
            return null;
        }
        ObjectNode renamed = entry.deepCopy();
        renamed.put("name", names.name(target.name(), name));
        if (listing == Listing.RESOURCES) {
            String uri = entry.path("uri").textValue();
            if (uri == null) {
                return null;
            }
            renamed.put("uri", names.uri(target.name(), uri));
        } else if (listing == Listing.RESOURCE_TEMPLATES) {
            String template = entry.path("uriTemplate").textValue();
            if (template == null) {
                return null;
            }
            renamed.put("uriTemplate", names.uri(target.name(), template));
        }
        return renamed;
    }

    /** prompts/get of {@code server__prompt}: the server's prompt. */
    Future<JsonNode> getPrompt(McpRequest request, ObjectNode params) {
        Qualified prompt = names.ofName(params.path("name").textValue())
                .orElseThrow(() -> JsonRpcError.invalidParams("Unknown prompt " + params.path("name").asText() + ": prompts on /mcp are named <server>"
                        + names.separator() + "<prompt>"));
        UpstreamTarget target = servers.named(request, prompt.server());
        params.put("name", prompt.name());
        return connections.call(target, "prompts/get", params);
    }

    /** resources/read of {@code ccos://server/uri}: the server's resource, its contents under the aggregate URI again. */
    Future<JsonNode> readResource(McpRequest request, ObjectNode params) {
        Qualified resource = ofUri(params.path("uri").textValue());
        UpstreamTarget target = servers.named(request, resource.server());
        params.put("uri", resource.name());
        return connections.call(target, "resources/read", params).map(result -> {
            for (JsonNode content : result.path("contents")) {
                if (content instanceof ObjectNode entry && entry.path("uri").isTextual()) {
                    entry.put("uri", names.uri(target.name(), entry.path("uri").textValue()));
                }
            }
            return result;
        });
    }

    /** completion/complete for an aggregate prompt or resource template: asked of its server with its own name. */
    Future<JsonNode> complete(McpRequest request, ObjectNode params) {
        if (!(params.get("ref") instanceof ObjectNode ref)) {
            return Future.failedFuture(JsonRpcError.invalidParams("completion/complete needs params.ref, a prompt or a resource template"));
        }
        Qualified named;
        switch (ref.path("type").asText()) {
            case "ref/prompt" -> {
                named = names.ofName(ref.path("name").textValue()).orElseThrow(() -> JsonRpcError.invalidParams("Unknown prompt "
                        + ref.path("name").asText() + ": prompts on /mcp are named <server>" + names.separator() + "<prompt>"));
                ref.put("name", named.name());
            }
            case "ref/resource" -> {
                named = ofUri(ref.path("uri").textValue());
                ref.put("uri", named.name());
            }
            default -> {
                return Future.failedFuture(JsonRpcError.invalidParams("params.ref.type must be ref/prompt or ref/resource"));
            }
        }
        return connections.call(servers.named(request, named.server()), "completion/complete", params);
    }

    /** The server and its own URI of an aggregate resource URI; fails with -32602 for one that is not. */
    Qualified ofUri(String uri) {
        return names.ofUri(uri).orElseThrow(() -> JsonRpcError.invalidParams("Unknown resource " + uri + ": resources on /mcp are addressed as "
                + AggregateNames.RESOURCE_SCHEME + "<server>/<the server's URI>"));
    }
}
