package io.ccos.platform.tenancy;

import io.ccos.contracts.security.HookKeys;
import io.ccos.contracts.security.Roles;
import io.ccos.contracts.tenancy.TenantClaim;
import io.quarkus.oidc.runtime.OidcJwtCallerPrincipal;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.util.Collection;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Binds every API request to its caller's tenant before the endpoint runs: the tenant claim of a user's
 * token, or, for a service account (role {@code service}), the tenant it names in the {@code Ccos-Tenant}
 * header. A caller without a tenant is bound to none, and any tenant data it touches answers 403.
 */
public class RequestTenantFilter {

    private final CurrentIdentityAssociation identities;
    private final CallerTenant tenant;

    public RequestTenantFilter(CurrentIdentityAssociation identities, CallerTenant tenant) {
        this.identities = identities;
        this.tenant = tenant;
    }

    @ServerRequestFilter
    public Uni<Void> bindTenant(ContainerRequestContext request) {
        return identities.getDeferredIdentity()
                .invoke(identity -> tenantOf(identity, request.getHeaderString(TenantClaim.ON_BEHALF_HEADER)).ifPresent(tenant::actAs))
                .replaceWithVoid();
    }

    static Optional<String> tenantOf(SecurityIdentity identity, String onBehalfHeader) {
        if (identity == null || identity.isAnonymous()) {
            return Optional.empty();
        }
        String bound = identity.getAttribute(HookKeys.TENANT_ATTRIBUTE);
        if (bound != null) { // a hook key: its tenant is the key's (hook-service)
            return Optional.of(bound).filter(TenantClaim::isValid);
        }
        if (identity.hasRole(Roles.SERVICE)) {
            return Optional.ofNullable(onBehalfHeader).filter(TenantClaim::isValid);
        }
        if (identity.getPrincipal() instanceof OidcJwtCallerPrincipal token) {
            // The claim set directly: JsonWebToken.getClaim throws and catches an exception for every claim
            // name the MicroProfile JWT spec does not define (and `tenant` is one), on every request.
            return TenantClaim.fromClaims(name -> plain(token.getClaims().getClaimValue(name)));
        }
        if (identity.getPrincipal() instanceof JsonWebToken token) {
            return TenantClaim.fromClaims(name -> plain(token.getClaim(name)));
        }
        return Optional.empty();
    }

    /** SmallRye JWT hands out JSON-P values for structured claims; the contract speaks plain Java. */
    private static Object plain(Object claim) {
        if (claim instanceof JsonString string) {
            return string.getString();
        }
        if (claim instanceof Collection<?> values) {
            return values.stream().map(RequestTenantFilter::plain).toList();
        }
        if (claim instanceof JsonValue value && value.getValueType() == JsonValue.ValueType.OBJECT) {
            return value.asJsonObject();
        }
        return claim;
    }
}
