package io.ccos.gateway.downstream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The gateway as an OAuth 2.1 protected resource (MCP's authorization spec, RFC 9728): its metadata names
 * the Keycloak realm as the authorization server, and every 401 of an MCP endpoint points at it, so that a
 * client can find where to get a token. Open to anyone, as discovery must be.
 */
@ApplicationScoped
public class ProtectedResource {

    static final String PATH = "/.well-known/oauth-protected-resource";

    private final String authorizationServer;
    private final ObjectMapper json;
    private final java.util.Optional<String> publicUrl;

    public ProtectedResource(@ConfigProperty(name = "quarkus.oidc.auth-server-url") String authorizationServer, ObjectMapper json,
            McpConfig config) {
        this.authorizationServer = authorizationServer;
        this.json = json;
        this.publicUrl = config.publicUrl().map(url -> url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
    }

    void register(@Observes Router router) {
        router.get(PATH).handler(context -> metadata(context, "/mcp"));
        // RFC 9728 §3.1: the metadata of https://host/servers/x/mcp lives at /.well-known/oauth-protected-resource/servers/x/mcp.
        router.get(PATH + "/*").handler(context -> metadata(context, context.request().path().substring(PATH.length())));
    }

    /** The WWW-Authenticate challenge of a 401 on an MCP endpoint. */
    String challenge(RoutingContext context) {
        return "Bearer realm=\"ccos\", resource_metadata=\"" + origin(context) + PATH + context.request().path() + "\"";
    }

    private void metadata(RoutingContext context, String resourcePath) {
        ObjectNode metadata = json.createObjectNode().put("resource", origin(context) + resourcePath);
        metadata.putArray("authorization_servers").add(authorizationServer);
        metadata.putArray("bearer_methods_supported").add("header");
        metadata.put("resource_name", "ccos mcp-gateway");
        context.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(metadata.toString());
    }

    /**
     * The gateway's address as clients know it: ccos.gateway.mcp.public-url when set (behind an ingress), else
     * the scheme and authority of the request.
     */
    private String origin(RoutingContext context) {
        if (publicUrl.isPresent()) {
            return publicUrl.get();
        }
        var authority = context.request().authority();
        if (authority == null) {
            return context.request().scheme() + "://" + context.request().localAddress().hostAddress() + ":" + context.request().localAddress().port();
        }
        return context.request().scheme() + "://" + authority.host() + (authority.port() > 0 ? ":" + authority.port() : "");
    }
}
