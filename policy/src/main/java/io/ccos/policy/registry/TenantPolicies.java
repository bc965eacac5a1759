package io.ccos.policy.registry;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every tenant's compiled hook registry, as a service applies them from ccos.config.changed: a newer version
 * is compiled once and replaces the tenant's entry atomically; an older or equal one changes nothing (events
 * may come late or twice). hook-service decides from it, and mcp-gateway governs tool calls with it; each
 * keeps the last applied version in a table of its own for restarts.
 */
public final class TenantPolicies {

    /** A tenant's registry as applied. */
    public record Applied(long version, HookPolicy policy, Instant appliedAt) {
    }

    /** What a tenant without a registry has: no hooks. */
    public static final Applied NONE = new Applied(0, HookPolicy.EMPTY, Instant.EPOCH);

    private final Map<String, Applied> byTenant = new ConcurrentHashMap<>();

    public Applied of(String tenant) {
        return byTenant.getOrDefault(tenant, NONE);
    }

    /** Whether {@code version} is newer than the tenant's applied one. */
    public boolean isNewer(String tenant, long version) {
        return of(tenant).version() < version;
    }

    /**
     * Compiles the document and applies it unless a newer version is in place already.
     *
     * @throws RegistryException when the document does not compile (the applied version stays)
     */
    public Applied apply(String tenant, long version, JsonNode document) {
        Applied fresh = new Applied(version, HookPolicy.compile(document), Instant.now());
        return byTenant.merge(tenant, fresh, (old, candidate) -> old.version() >= candidate.version() ? old : candidate);
    }

    /** Tenants with a registry. */
    public int size() {
        return byTenant.size();
    }
}
