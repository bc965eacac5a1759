package io.ccos.platform.tenancy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ccos.contracts.security.Roles;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import java.util.Optional;
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
}
