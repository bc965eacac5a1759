package io.ccos.platform.tenancy;

import io.ccos.contracts.problem.ProblemType;
import io.ccos.contracts.tenancy.TenantClaim;
import io.ccos.platform.problem.ProblemException;
import io.ccos.platform.security.VerifiedTokens;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.StringPermission;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * Admits the caller of a plain Vert.x route as the REST layer admits the caller of an endpoint: authenticated
 * by the service's mechanisms (a bearer token, in hook-service also a hook key), holding a permission
 * ({@code @PermissionsAllowed}'s rule) and bound to its tenant ({@link RequestTenantFilter}'s rule). Hot paths
 * serve plain routes because the REST layer's per-request machinery costs more than their work.
 */
@ApplicationScoped
public class RouteCaller {

    private static final String BEARER = "bearer ";

    private final CallerTenant tenant;
    private final VerifiedTokens verified;

    public RouteCaller(CallerTenant tenant, VerifiedTokens verified) {
        this.tenant = tenant;
        this.verified = verified;
    }

    /**
     * The caller's identity once it is authenticated, allowed {@code permission} and bound to its tenant; fails
     * with a 401 or 403 problem otherwise (for {@link io.ccos.platform.problem.ProblemWriter#send(RoutingContext, Throwable)}).
     * A Vert.x future rather than a Uni: each Uni operator on this path would capture and restore the request's
     * contexts (context propagation), which costs more than the checks.
     */
    public Future<SecurityIdentity> admit(RoutingContext context, StringPermission permission) {
        String token = bearerToken(context);
        SecurityIdentity known = verified.identity(token);
        if (known != null) { // verified here before: its signature and claims are not checked again
            return admit(context, known, permission);
        }
        Promise<SecurityIdentity> admitted = Promise.promise();
        Context request = Vertx.currentContext(); // the request's duplicated context, where its tenant is bound
        QuarkusHttpUser.getSecurityIdentity(context, null).subscribe().with(identity -> onContext(request, () -> {
            verified.remember(token, identity);
            check(context, identity, permission, admitted);
        }), admitted::fail);
        return admitted.future();
    }

    private static String bearerToken(RoutingContext context) {
        String authorization = context.request().getHeader(HttpHeaders.AUTHORIZATION);
        return authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
                ? authorization.substring(BEARER.length()).strip() : null;
    }

    /**
     * The same checks for an identity the route established itself, from memory (hook-service's hook keys,
     * which skip the authentication pipeline's per-request work); the identity becomes the request's.
     */
    public Future<SecurityIdentity> admit(RoutingContext context, SecurityIdentity identity, StringPermission permission) {
        QuarkusHttpUser.setIdentity(identity, context);
        Promise<SecurityIdentity> admitted = Promise.promise();
        check(context, identity, permission, admitted);
        return admitted.future();
    }

    private void check(RoutingContext context, SecurityIdentity identity, StringPermission permission, Promise<SecurityIdentity> admitted) {
        if (identity == null || identity.isAnonymous()) {
            admitted.fail(new AuthenticationFailedException());
        } else if (identity.getPermissions().stream().anyMatch(granted -> granted.implies(permission))) {
            bind(context, identity, admitted);
        } else { // permissions from a checker rather than a set: asked the slower way
            Context request = Vertx.currentContext();
            identity.checkPermission(permission).subscribe().with(allowed -> onContext(request, () -> {
                if (allowed) {
                    bind(context, identity, admitted);
                } else {
                    admitted.fail(new ProblemException(ProblemType.FORBIDDEN, "Your roles do not allow this operation"));
                }
            }), admitted::fail);
        }
    }

    /** Runs on the request's context: a token checked elsewhere (keys fetched from Keycloak) may finish on another thread. */
    private static void onContext(Context request, Runnable step) {
        if (request == null || Vertx.currentContext() == request) {
            step.run();
        } else {
            request.runOnContext(ignored -> step.run());
        }
    }

    private void bind(RoutingContext context, SecurityIdentity identity, Promise<SecurityIdentity> admitted) {
        Optional<String> tenantId = RequestTenantFilter.tenantOf(identity, context.request().getHeader(TenantClaim.ON_BEHALF_HEADER));
        if (tenantId.isEmpty()) {
            admitted.fail(CallerTenant.noTenant());
            return;
        }
        tenant.actAs(tenantId.get());
        admitted.complete(identity);
    }
}
