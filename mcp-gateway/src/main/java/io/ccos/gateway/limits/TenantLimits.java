package io.ccos.gateway.limits;

import io.ccos.gateway.jsonrpc.JsonRpcError;
import io.smallrye.faulttolerance.api.RateLimitException;
import io.smallrye.faulttolerance.api.RateLimitType;
import io.smallrye.faulttolerance.api.TypedGuard;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many MCP requests each tenant may send to this replica per second, and have in flight at once
 * ({@code ccos.gateway.limits.*}): one tenant's runaway agents must not take the gateway, or the upstreams
 * behind it, from the others. A request beyond a limit is answered at once with a JSON-RPC error (for the
 * rate, saying when to try again). The limits are per replica: with N replicas a tenant gets up to N times them.
 */
@ApplicationScoped
public class TenantLimits {

    private final LimitsConfig config;
    private final Map<String, TypedGuard<Boolean>> byTenant = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();

    public TenantLimits(LimitsConfig config) {
        this.config = config;
    }

    /**
     * Counts one request of {@code tenant} against both limits; fails with {@link JsonRpcError#RATE_LIMITED} or
     * {@link JsonRpcError#UPSTREAM_BUSY} beyond one. The answer ends the request's count in flight: run it once,
     * when the request is answered.
     */
    public Runnable admit(String tenant) {
        rate(tenant);
        int limit = config.tenantConcurrentRequests();
        if (limit <= 0) {
            return () -> { };
        }
        AtomicInteger count = inFlight.computeIfAbsent(tenant, ignored -> new AtomicInteger());
        if (count.incrementAndGet() > limit) {
            count.decrementAndGet();
            throw new JsonRpcError(JsonRpcError.UPSTREAM_BUSY, "Your organization has " + limit
                    + " MCP requests in flight at this gateway already; try again when one is answered");
        }
        return count::decrementAndGet;
    }

    private void rate(String tenant) {
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
