package io.ccos.platform.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Bearer tokens this replica verified, with the identity each established, until the token expires or
 * {@code max-age} passed. A client of a hot path (an MCP session, Claude Code's hooks) sends the same token
 * on every request, and checking its signature and claims again was a quarter of a governed MCP call's
 * CPU. Only what the verification established is kept: the principal, roles and credentials, with the
 * permissions the roles grant; never the first request's attributes (its routing context among them).
 * Keyed by the whole token, so only a caller holding that exact token gets the identity.
 */
@ApplicationScoped
public class VerifiedTokens {

    private final Cache<String, Verified> byToken;
    private final VerifiedTokensConfig config;
    private final PermissionsFromRoles permissions;

    public VerifiedTokens(VerifiedTokensConfig config, PermissionsFromRoles permissions) {
        this.config = config;
        this.permissions = permissions;
        this.byToken = Caffeine.newBuilder().maximumSize(config.maxSize()).expireAfter(new UntilExpiry()).build();
    }

    /** The identity {@code token} established when it was verified here, or null when it must be verified (again). */
    public SecurityIdentity identity(String token) {
        Verified verified = token == null ? null : byToken.getIfPresent(token);
        return verified == null || System.currentTimeMillis() >= verified.expiresAtMillis() ? null : verified.identity();
    }

    /** Remembers what verifying {@code token} established, when it is a JWT with an expiry. */
    public void remember(String token, SecurityIdentity identity) {
        if (token == null || token.length() > config.maxTokenLength() || identity == null || identity.isAnonymous()
                || !(identity.getPrincipal() instanceof JsonWebToken jwt) || jwt.getExpirationTime() <= 0) {
            return;
        }
        long expiresAt = Math.min(jwt.getExpirationTime() * 1000, System.currentTimeMillis() + config.maxAge().toMillis());
        SecurityIdentity kept = permissions.withPermissions(QuarkusSecurityIdentity.builder().setPrincipal(jwt)
                .addRoles(identity.getRoles()).addCredentials(identity.getCredentials()).build());
        byToken.put(token, new Verified(kept, expiresAt));
    }

    private record Verified(SecurityIdentity identity, long expiresAtMillis) {
    }

    /** Each entry lives until its own expiry (Caffeine then drops it without being asked). */
    private static final class UntilExpiry implements Expiry<String, Verified> {
        @Override
        public long expireAfterCreate(String token, Verified verified, long currentTime) {
            return Duration.ofMillis(Math.max(0, verified.expiresAtMillis() - System.currentTimeMillis())).toNanos();
        }

        @Override
        public long expireAfterUpdate(String token, Verified verified, long currentTime, long currentDuration) {
            return expireAfterCreate(token, verified, currentTime);
        }

        @Override
        public long expireAfterRead(String token, Verified verified, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }
}
