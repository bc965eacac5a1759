package io.ccos.hook.keys;

import io.ccos.contracts.security.HookKeys;
import io.ccos.contracts.security.Roles;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.BaseAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/**
 * Authenticates {@code Authorization: Bearer ccoshk_...}, the hook key a Claude Code http hook sends, from
 * memory ({@link HookKeyCache}). The identity is the key's user in the key's tenant, with the one role
 * {@code hook-key}: it may ask for decisions and nothing else. Any other bearer token is left to OIDC.
 */
@ApplicationScoped
public class HookKeyAuthentication implements HttpAuthenticationMechanism {

    private static final String SCHEME = "Bearer ";

    /** Tried before OIDC (whose mechanism has the default priority). */
    @Override
    public int getPriority() {
        return HttpAuthenticationMechanism.DEFAULT_PRIORITY + 100;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        String authorization = context.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())
                || !authorization.startsWith(HookKeys.PREFIX, SCHEME.length())) {
            return Uni.createFrom().nullItem();
        }
        return identities.authenticate(new Request(authorization.substring(SCHEME.length()).strip()));
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", "Bearer realm=\"ccos\""));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(Request.class);
    }

    /** A hook key to check. */
    public static final class Request extends BaseAuthenticationRequest {
        final String key;

        Request(String key) {
            this.key = key;
        }
    }

    /** Turns a valid key into its holder's identity; an unknown, revoked or wrong key fails authentication. */
    @ApplicationScoped
    public static class Provider implements IdentityProvider<Request> {

        /** The identity attribute io.ccos.platform.tenancy.RequestTenantFilter binds the request to. */
        private final HookKeyCache keys;

        public Provider(HookKeyCache keys) {
            this.keys = keys;
        }

        @Override
        public Class<Request> getRequestType() {
            return Request.class;
        }

        @Override
        public Uni<SecurityIdentity> authenticate(Request request, AuthenticationRequestContext context) {
            return keys.verify(request.key)
                    .map(holder -> Uni.createFrom().<SecurityIdentity>item(QuarkusSecurityIdentity.builder()
                            .setPrincipal(new QuarkusPrincipal(holder.user()))
                            .addRole(Roles.HOOK_KEY)
                            .addAttribute(HookKeys.TENANT_ATTRIBUTE, holder.tenant())
                            .addAttribute(HookKeys.KEY_ID_ATTRIBUTE, holder.keyId())
                            .build()))
                    .orElseGet(() -> Uni.createFrom().failure(new AuthenticationFailedException("unknown or revoked hook key")));
        }
    }
}
