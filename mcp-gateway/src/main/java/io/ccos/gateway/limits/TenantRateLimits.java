package io.ccos.gateway.limits;

import io.ccos.gateway.jsonrpc.JsonRpcError;
import io.smallrye.faulttolerance.api.RateLimitException;
import io.smallrye.faulttolerance.api.RateLimitType;
import io.smallrye.faulttolerance.api.TypedGuard;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How many MCP requests each tenant may send to this replica per second ({@code ccos.gateway.limits.*}):
 * one tenant's runaway agents must not take the gateway, or the upstreams behind it, from the others. A
 * request beyond its limit is answered at once with a JSON-RPC error saying when to try again. The limit is
 * per replica: with N replicas a tenant gets up to N times it.
 */
@ApplicationScoped
public class TenantRateLimits {

    private final LimitsConfig config;
    private final Map<String, TypedGuard<Boolean>> byTenant = new ConcurrentHashMap<>();

    public TenantRateLimits(LimitsConfig config) {
        this.config = config;
    }

    /** Counts one request of {@code tenant}; fails with {@link JsonRpcError#RATE_LIMITED} beyond its limit. */
    public void admit(String tenant) {
        int limit = config.tenantRequestsPerSecond();
        if (limit <= 0) {
            return;
        }
        try {
            byTenant.computeIfAbsent(tenant, ignored -> TypedGuard.create(Boolean.class).withDescription("mcp requests of tenant " + tenant)
                    .withRateLimit().limit(limit).window(1, ChronoUnit.SECONDS).type(RateLimitType.FIXED).done().build())
                    .get(() -> Boolean.TRUE);
        } catch (RateLimitException limited) {
            long retryAfter = Math.max(1, limited.getRetryAfterMillis());
            throw new JsonRpcError(JsonRpcError.RATE_LIMITED, "Your organization sends more than " + limit
                    + " MCP requests per second to this gateway; try again in " + retryAfter + " ms",
                    com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode().put("retryAfterMs", retryAfter), 200);
        }
    }
}
