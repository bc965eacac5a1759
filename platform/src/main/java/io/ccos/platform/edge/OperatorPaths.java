package io.ccos.platform.edge;

import io.ccos.contracts.problem.ProblemType;
import io.ccos.contracts.security.Permissions;
import io.ccos.platform.problem.ProblemWriter;
import io.quarkus.security.StringPermission;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticator;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * One rule for the operator endpoints: every path under /q/ but health (metrics, the API description in
 * any format, whatever an extension adds) needs the permission {@value Permissions#OPERATIONS_READ}.
 * Checked here rather than by an HTTP permission of Quarkus, whose refusals have no body, so that these
 * answer 401 and 403 problems like every API.
 */
@ApplicationScoped
public class OperatorPaths {

    /** After the token's shape is checked. */
    static final int PRIORITY = BearerTokenShape.PRIORITY - 1;

    /** "operations:read" as the permissions granted from roles hold it: name "operations", action "read". */
    private static final StringPermission OPERATIONS = new StringPermission(
            Permissions.OPERATIONS_READ.substring(0, Permissions.OPERATIONS_READ.indexOf(':')),
            Permissions.OPERATIONS_READ.substring(Permissions.OPERATIONS_READ.indexOf(':') + 1));

    private final HttpAuthenticator authenticator;
    private final ProblemWriter problems;

    public OperatorPaths(HttpAuthenticator authenticator, ProblemWriter problems) {
        this.authenticator = authenticator;
        this.problems = problems;
    }

    void register(@Observes Filters filters) {
        filters.register(this::check, PRIORITY);
    }

    static boolean isOperatorPath(String path) {
        return (path.equals("/q") || path.startsWith("/q/")) && !(path.equals("/q/health") || path.startsWith("/q/health/"));
    }

    void check(RoutingContext context) {
        String path = context.normalizedPath();
        if (!isOperatorPath(path)) {
            context.next();
            return;
        }
        authenticator.attemptAuthentication(context)
                .onItem().ifNotNull().transformToUni(identity -> identity.isAnonymous()
                        ? Uni.createFrom().nullItem()
                        : identity.checkPermission(OPERATIONS).map(allowed -> allowed ? Access.ALLOWED : Access.FORBIDDEN))
                .subscribe().with(access -> {
                    if (access == null) {
                        problems.sendUnauthenticated(context);
                    } else if (access == Access.FORBIDDEN) {
                        problems.send(context, ProblemType.FORBIDDEN, "Your roles do not allow operator endpoints");
                    } else {
                        context.next();
                    }
                }, failure -> problems.sendUnauthenticated(context));
    }

    private enum Access { ALLOWED, FORBIDDEN }
}
