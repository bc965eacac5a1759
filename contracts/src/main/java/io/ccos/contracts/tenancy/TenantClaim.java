package io.ccos.contracts.tenancy;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Where the tenant of a caller is written: the {@code tenant} claim of its access token (a Keycloak user
 * attribute mapped into every token), or, failing that, the single Keycloak organization the user belongs
 * to. Service accounts carry no tenant: they name the tenant they act for in {@link #ON_BEHALF_HEADER}.
 */
public final class TenantClaim {

    public static final String CLAIM = "tenant";
    public static final String ORGANIZATION_CLAIM = "organization";
    public static final String ON_BEHALF_HEADER = "Ccos-Tenant";

    /** Tenant ids are slugs: they end up in record keys, metric tags and log lines. */
    private static final Pattern TENANT_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    private TenantClaim() {
    }

    /** Reads the tenant from the token's claims, given a claim lookup; empty when none or ambiguous. */
    public static Optional<String> fromClaims(Function<String, Object> claims) {
        Object tenant = claims.apply(CLAIM);
        if (tenant instanceof String id && isValid(id)) {
            return Optional.of(id);
        }
        Object organization = claims.apply(ORGANIZATION_CLAIM);
        if (organization instanceof Collection<?> aliases && aliases.size() == 1
                && aliases.iterator().next() instanceof String alias && isValid(alias)) {
            return Optional.of(alias);
        }
        if (organization instanceof Map<?, ?> byAlias && byAlias.size() == 1
                && byAlias.keySet().iterator().next() instanceof String alias && isValid(alias)) {
            return Optional.of(alias);
        }
        return Optional.empty();
    }

    public static boolean isValid(String tenantId) {
        return tenantId != null && TENANT_ID.matcher(tenantId).matches();
    }
}
