package io.ccos.platform.edge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ccos.contracts.problem.ProblemType;
import io.ccos.contracts.security.HookKeys;
import io.ccos.platform.problem.ProblemWriter;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Refuses, with a 401 problem, a bearer token that cannot be a signed JWT of the realm, before OIDC sees
 * it. Quarkus OIDC fails with a 500 on some malformed tokens (a token of dots, a header that is not JSON),
 * and sends a token without a key id to Keycloak's introspection endpoint, which would let anonymous
 * clients multiply the load on Keycloak. ccos accepts only compact JWS tokens whose header names a key.
 */
@ApplicationScoped
public class BearerTokenShape {

    /** After {@link RequestLimits}, before routing and authentication. */
    static final int PRIORITY = RequestLimits.PRIORITY - 1;

    private static final String SCHEME = "bearer ";
    private static final Pattern BASE64URL = Pattern.compile("[A-Za-z0-9_-]+");
    private static final int MAX_HEADER_CHARS = 2048;

    private final EdgeConfig config;
    private final ProblemWriter problems;
    private final ObjectMapper json;
    /** The last header that had the right shape: most requests carry it, and need no JSON parse for it. */
    private volatile String acceptedHeader;

    public BearerTokenShape(EdgeConfig config, ProblemWriter problems, ObjectMapper json) {
        this.config = config;
        this.problems = problems;
        this.json = json;
    }

    void register(@Observes Filters filters) {
        filters.register(this::check, PRIORITY);
    }

    void check(RoutingContext context) {
        String authorization = context.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            context.next(); // no bearer credential: the endpoint's own rule decides (401 where one is needed)
            return;
        }
        String credential = authorization.substring(SCHEME.length()).strip();
        if (credential.startsWith(HookKeys.PREFIX)) {
            if (config.acceptHookKeys()) {
                context.next(); // an opaque hook key: the service's own mechanism checks it, from memory
            } else {
                problems.send(context, ProblemType.UNAUTHENTICATED, "A hook key authenticates hook decisions only (hook-service)");
            }
            return;
        }
        String defect = defect(credential);
        if (defect == null) {
            context.next();
        } else {
            problems.send(context, ProblemType.UNAUTHENTICATED, "The bearer token " + defect);
        }
    }

    /** Why {@code token} cannot be a signed JWT with a key id, or null when it has that shape. */
    String defect(String token) {
        if (token.length() > config.maxTokenLength()) {
            return "is longer than " + config.maxTokenLength() + " characters";
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            return "is not a signed JWT (three base64url parts separated by dots)";
        }
        for (String part : parts) {
            if (!BASE64URL.matcher(part).matches()) {
                return "is not a signed JWT (three base64url parts separated by dots)";
            }
        }
        if (parts[0].equals(acceptedHeader)) {
            return null; // the realm signs every token with the same header until its key rotates
        }
        if (parts[0].length() > MAX_HEADER_CHARS) {
            return "has an oversized header";
        }
        JsonNode header;
        try {
            header = json.readTree(Base64.getUrlDecoder().decode(parts[0]));
        } catch (IllegalArgumentException | IOException e) {
            return "has a header that is not base64url-encoded JSON";
        }
        if (header == null || !header.isObject()) {
            return "has a header that is not a JSON object";
        }
        if (!header.path("alg").isTextual() || "none".equalsIgnoreCase(header.path("alg").asText())) {
            return "is not signed";
        }
        if (!header.path("kid").isTextual()) {
            return "names no signing key (kid)";
        }
        acceptedHeader = parts[0];
        return null;
    }
}
