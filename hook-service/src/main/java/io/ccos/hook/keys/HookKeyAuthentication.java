package io.ccos.hook.keys;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.BaseAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/**
 * Authenticates {@code Authorization: Bearer ccoshk_...}, the hook key a Claude Code http hook sends, from
 * memory, for every endpoint ({@link HookKeyIdentities}: the key's user in the key's tenant, allowed decisions
 * and nothing else). Any other bearer token is left to OIDC.
 */
@ApplicationScoped
public class HookKeyAuthentication implements HttpAuthenticationMechanism {

    /** Tried before OIDC (whose mechanism has the default priority). */
    @Override
    public int getPriority() {
        return HttpAuthenticationMechanism.DEFAULT_PRIORITY + 100;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        return HookKeyIdentities.presented(context)
                .map(key -> identities.authenticate(new Request(key)))
                .orElseGet(() -> Uni.createFrom().nullItem());
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

        private final HookKeyIdentities identities;

        public Provider(HookKeyIdentities identities) {
            this.identities = identities;
        }

        @Override
        public Class<Request> getRequestType() {
            return Request.class;
        }

        @Override
        public Uni<SecurityIdentity> authenticate(Request request, AuthenticationRequestContext context) {
            return identities.of(request.key)
                    .map(identity -> Uni.createFrom().item(identity))
                    .orElseGet(() -> Uni.createFrom().failure(new AuthenticationFailedException("unknown or revoked hook key")));
        }
    }
}
