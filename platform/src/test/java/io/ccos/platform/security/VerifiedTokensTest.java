package io.ccos.platform.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.oidc.runtime.OidcJwtCallerPrincipal;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;

/** Which verifications a hot path may reuse, for how long, and what of them it keeps. */
class VerifiedTokensTest {

    private static final String TOKEN = "header.payload.signature";

    private final VerifiedTokens tokens = tokens(Duration.ofSeconds(60), 64);

    private static VerifiedTokens tokens(Duration maxAge, int maxTokenLength) {
        VerifiedTokensConfig config = new VerifiedTokensConfig() {
            @Override
            public int maxSize() {
                return 100;
            }

            @Override
            public Duration maxAge() {
                return maxAge;
            }

            @Override
            public int maxTokenLength() {
                return maxTokenLength;
            }
        };
        return new VerifiedTokens(config, new PermissionsFromRoles(() -> Map.of("developer", Set.of("tools:call"))));
    }

    private static SecurityIdentity verified(long expiresInSeconds) {
        JwtClaims claims = new JwtClaims();
        claims.setSubject("user-1");
        claims.setClaim("preferred_username", "globex-developer");
        claims.setExpirationTimeMinutesInTheFuture(expiresInSeconds / 60f);
        return QuarkusSecurityIdentity.builder().setPrincipal(new OidcJwtCallerPrincipal(claims, null)).addRole("developer")
                .addAttribute("io.vertx.ext.web.RoutingContext", new Object()).build();
    }

    @Test
    void aVerifiedTokenGivesItsIdentityBackWithTheRolesPermissionsAndNothingOfTheRequest() {
        tokens.remember(TOKEN, verified(300));
        SecurityIdentity known = tokens.identity(TOKEN);
        assertNotNull(known);
        assertEquals("globex-developer", known.getPrincipal().getName());
        assertEquals(Set.of("developer"), known.getRoles());
        assertTrue(known.getPermissions().stream().anyMatch(granted -> granted.implies(PermissionNames.of("tools:call"))));
        assertTrue(known.getAttributes().isEmpty(), () -> "kept the first request's attributes: " + known.getAttributes());
        assertNull(tokens.identity(TOKEN + "x"), "only the exact token");
        assertNull(tokens.identity(null));
    }

    @Test
    void anExpiredTokenIsNotReused() {
        tokens.remember(TOKEN, verified(-60));
        assertNull(tokens.identity(TOKEN));
    }

    @Test
    void noVerificationIsReusedLongerThanMaxAge() {
        VerifiedTokens none = tokens(Duration.ZERO, 64);
        none.remember(TOKEN, verified(300));
        assertNull(none.identity(TOKEN));
    }

    @Test
    void whatIsNotASignedTokenOrTooLongIsNotRemembered() {
        tokens.remember(TOKEN, QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal("hook-key")).addRole("developer").build());
        assertNull(tokens.identity(TOKEN), "an identity without a JWT (a hook key) has no expiry to bound it");
        tokens.remember(TOKEN, QuarkusSecurityIdentity.builder().setAnonymous(true).build());
        assertNull(tokens.identity(TOKEN));
        String longToken = "x".repeat(65);
        tokens.remember(longToken, verified(300));
        assertFalse(tokens.identity(longToken) != null, "longer than max-token-length");
    }
}
