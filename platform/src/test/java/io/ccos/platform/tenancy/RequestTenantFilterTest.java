package io.ccos.platform.tenancy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ccos.contracts.security.Roles;
import io.quarkus.oidc.runtime.OidcJwtCallerPrincipal;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;

/** Which tenant an API request acts for: never one the caller merely names, unless it is a service. */
class RequestTenantFilterTest {

    private static QuarkusSecurityIdentity identity(String role) {
        return QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal("caller")).addRole(role).build();
    }

    @Test
    void aServiceActsForTheTenantItNamesInTheHeader() {
        assertEquals(Optional.of("acme"), RequestTenantFilter.tenantOf(identity(Roles.SERVICE), "acme"));
        assertEquals(Optional.empty(), RequestTenantFilter.tenantOf(identity(Roles.SERVICE), null));
        assertEquals(Optional.empty(), RequestTenantFilter.tenantOf(identity(Roles.SERVICE), "not a tenant\n"));
    }

    @Test
    void aUserCannotPickATenantWithTheHeader() {
        assertEquals(Optional.empty(), RequestTenantFilter.tenantOf(identity(Roles.DEVELOPER), "acme"),
                "a user's tenant comes from the token's claim only");
        assertEquals(Optional.empty(), RequestTenantFilter.tenantOf(QuarkusSecurityIdentity.builder().setAnonymous(true).build(), "acme"));
        assertEquals(Optional.empty(), RequestTenantFilter.tenantOf(null, "acme"));
    }

    private static QuarkusSecurityIdentity user(Map<String, Object> claims) {
        JwtClaims jwt = new JwtClaims();
        jwt.setSubject("user-1");
        claims.forEach(jwt::setClaim);
        return QuarkusSecurityIdentity.builder().setPrincipal(new OidcJwtCallerPrincipal(jwt, null)).addRole(Roles.DEVELOPER).build();
    }

    @Test
    void aUsersTenantIsItsTokensTenantClaimOrItsOnlyOrganization() {
        assertEquals(Optional.of("acme"), RequestTenantFilter.tenantOf(user(Map.of("tenant", "acme")), null));
        assertEquals(Optional.of("globex"), RequestTenantFilter.tenantOf(user(Map.of("organization", List.of("globex"))), null));
        assertEquals(Optional.of("globex"), RequestTenantFilter.tenantOf(user(Map.of("organization", Map.of("globex", Map.of()))), null));
        assertEquals(Optional.empty(), RequestTenantFilter.tenantOf(user(Map.of("organization", List.of("acme", "globex"))), null),
                "a member of two organizations names neither by default");
        assertEquals(Optional.empty(), RequestTenantFilter.tenantOf(user(Map.of("tenant", "Not A Tenant")), null));
        assertEquals(Optional.empty(), RequestTenantFilter.tenantOf(user(Map.of()), null));
    }
}
