package io.ccos.platform.tenancy;

import io.ccos.contracts.problem.ProblemType;
import io.ccos.contracts.tenancy.TenantClaim;
import io.ccos.platform.problem.ProblemException;
import io.smallrye.common.vertx.ContextLocals;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * The tenant the current unit of work acts for. Every service takes it from here, never from a request
 * parameter: for an HTTP request {@link RequestTenantFilter} binds the caller's tenant (from the token, or
 * for a service account from the {@code Ccos-Tenant} header), and an event consumer binds the event's
 * tenant ({@link io.ccos.platform.events.IncomingEvents}).
 *
 * <p>The binding lives in the unit of work's Vert.x duplicated context, not in the CDI request context:
 * reactive database work continues in callbacks after the request context has been suspended, and
 * Hibernate asks for the tenant there ({@link BoundTenantIdentifierResolver}). Each HTTP request and each
 * consumed event has a duplicated context of its own, so a binding never leaks to another unit of work.
 */
@ApplicationScoped
public class CallerTenant {

    private static final String KEY = "ccos.tenant";

    /** The tenant id; a unit of work without one gets a 403 problem. */
    public String id() {
        return bound().orElseThrow(CallerTenant::noTenant);
    }

    /** Binds this unit of work (an HTTP request, an event being consumed, a scheduled job) to a tenant. */
    public void actAs(String tenantId) {
        if (!TenantClaim.isValid(tenantId)) {
            throw new IllegalArgumentException("Not a tenant id: " + tenantId);
        }
        if (!VertxContext.isOnDuplicatedContext()) {
            throw new IllegalStateException("A tenant can only be bound on a duplicated Vert.x context (one per unit of work)");
        }
        ContextLocals.put(KEY, tenantId);
    }

    static Optional<String> bound() {
        if (Vertx.currentContext() == null || !VertxContext.isOnDuplicatedContext()) {
            return Optional.empty();
        }
        return ContextLocals.<String>get(KEY);
    }

    static ProblemException noTenant() {
        return new ProblemException(ProblemType.NO_TENANT,
                "The token names no tenant (claim '" + TenantClaim.CLAIM + "'); ask your administrator to assign you to one");
    }
}
