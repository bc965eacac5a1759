package io.ccos.hook.registry;

import io.ccos.hook.keys.HookKeyCache;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once the stored hook registries and hook keys are in memory: before that, a replica would answer
 * without the tenants' rules (or refuse valid keys). Neither PostgreSQL nor Kafka being away later makes it
 * unready: decisions need neither.
 */
@Readiness
@ApplicationScoped
public class DecisionsReady implements HealthCheck {

    private final TenantHookPolicies policies;
    private final HookKeyCache keys;

    public DecisionsReady(TenantHookPolicies policies, HookKeyCache keys) {
        this.policies = policies;
        this.keys = keys;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("hook decisions")
                .status(policies.loaded() && keys.loaded())
                .withData("registries", policies.loaded() ? "in memory" : "not read yet")
                .withData("hook keys", keys.loaded() ? "in memory" : "not read yet")
                .build();
    }
}
