package io.ccos.contracts.tenancy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TenantClaimTest {

    @Test
    void tenantClaimWins() {
        Map<String, Object> claims = Map.of("tenant", "acme", "organization", List.of("globex"));
        assertEquals(Optional.of("acme"), TenantClaim.fromClaims(claims::get));
    }

    @Test
    void singleOrganizationIsTheTenant() {
        assertEquals(Optional.of("globex"), TenantClaim.fromClaims(Map.<String, Object>of("organization", List.of("globex"))::get));
        assertEquals(Optional.of("globex"), TenantClaim.fromClaims(Map.<String, Object>of("organization", Map.of("globex", Map.of()))::get));
    }

    @Test
    void ambiguousMissingOrMalformedTenantsAreRejected() {
        assertEquals(Optional.empty(), TenantClaim.fromClaims(Map.<String, Object>of("organization", List.of("a", "b"))::get));
        assertEquals(Optional.empty(), TenantClaim.fromClaims(Map.<String, Object>of()::get));
        assertEquals(Optional.empty(), TenantClaim.fromClaims(Map.<String, Object>of("tenant", "../etc")::get));
        assertEquals(Optional.empty(), TenantClaim.fromClaims(Map.<String, Object>of("tenant", "ACME")::get));
    }
}
