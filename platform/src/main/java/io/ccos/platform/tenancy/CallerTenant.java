package io.ccos.platform.tenancy;

import io.ccos.contracts.problem.ProblemType;
import io.ccos.contracts.security.Roles;
import io.ccos.contracts.tenancy.TenantClaim;
import io.ccos.platform.problem.ProblemException;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.RequestScoped;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Collection;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The tenant the current unit of work acts for. Every service takes it from here, never from a request
 * parameter: from the caller's token for HTTP requests (a service account names it in the
 * {@code Ccos-Tenant} header instead), or from the event's tenant attribute for event consumers, which
 * call {@link #actAs(String)} before touching data.
 */
@RequestScoped
public class CallerTenant {

    private final SecurityIdentity identity;
    private final CurrentVertxRequest request;
    private String actingFor;

    public CallerTenant(SecurityIdentity identity, CurrentVertxRequest request) {
        this.identity = identity;
        this.request = request;
    }

    /** The tenant id; a caller without one gets a 403 problem. */
    public String id() {
        return current().orElseThrow(() -> new ProblemException(ProblemType.NO_TENANT,
                "The token names no tenant (claim '" + TenantClaim.CLAIM + "'); ask your administrator to assign you to one"));
    }

    /** The tenant id, if the unit of work has one. */
    public Optional<String> current() {
        if (actingFor != null) {
            return Optional.of(actingFor);
        }
        if (identity == null || identity.isAnonymous()) {
            return Optional.empty();
        }
        if (identity.hasRole(Roles.SERVICE)) {
            return onBehalfHeader();
        }
        if (identity.getPrincipal() instanceof JsonWebToken token) {
            return TenantClaim.fromClaims(name -> plain(token.getClaim(name)));
        }
        return Optional.empty();
    }

    /** Binds this unit of work (an event being consumed, a scheduled job) to a tenant. */
    public void actAs(String tenantId) {
        if (!TenantClaim.isValid(tenantId)) {
            throw new IllegalArgumentException("Not a tenant id: " + tenantId);
        }
        this.actingFor = tenantId;
    }

    private Optional<String> onBehalfHeader() {
        RoutingContext context = request.getCurrent();
        if (context == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(context.request().getHeader(TenantClaim.ON_BEHALF_HEADER)).filter(TenantClaim::isValid);
    }

    /** SmallRye JWT hands out JSON-P values for structured claims; the contract speaks plain Java. */
    private static Object plain(Object claim) {
        if (claim instanceof JsonString string) {
            return string.getString();
        }
        if (claim instanceof Collection<?> values) {
            return values.stream().map(CallerTenant::plain).toList();
        }
        if (claim instanceof JsonValue value && value.getValueType() == JsonValue.ValueType.OBJECT) {
            return value.asJsonObject();
        }
        return claim;
    }
}
