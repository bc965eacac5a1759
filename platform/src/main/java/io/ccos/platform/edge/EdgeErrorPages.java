package io.ccos.platform.edge;

import io.ccos.contracts.problem.ProblemType;
import io.ccos.platform.problem.ProblemWriter;
import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Problem bodies for what fails below the REST layer: authentication failures of plain routes (401, 403),
 * request bodies over quarkus.http.limits.max-body-size (413), paths or methods no route serves (404, 405),
 * targets the router cannot decode (400), and any failure of a plain route (500, logged, nothing internal
 * returned).
 */
@ApplicationScoped
public class EdgeErrorPages {

    private static final Logger LOG = Logger.getLogger(EdgeErrorPages.class);

    private final ProblemWriter problems;

    public EdgeErrorPages(ProblemWriter problems) {
        this.problems = problems;
    }

    void install(@Observes Router router) {
        router.route().failureHandler(this::failed);
        router.errorHandler(400, context -> problems.send(context, ProblemType.BAD_REQUEST, "The request is malformed"));
        router.errorHandler(404, context -> problems.send(context, ProblemType.NOT_FOUND, "No resource at this path"));
        router.errorHandler(405, context -> problems.send(context, ProblemType.METHOD_NOT_ALLOWED, "This path does not accept " + context.request().method()));
        router.errorHandler(413, this::tooLarge);
    }

    void failed(RoutingContext context) {
        Throwable failure = context.failure();
        switch (failure) {
            case AuthenticationFailedException e -> unauthenticated(context);
            case AuthenticationCompletionException e -> unauthenticated(context);
            case UnauthorizedException e -> unauthenticated(context);
            case ForbiddenException e -> problems.send(context, ProblemType.FORBIDDEN, "Your roles do not allow this operation");
            case null -> byStatus(context);
            default -> {
                LOG.errorf(failure, "Unexpected failure of %s", EscapedLogValues.escape(context.request().path()));
                problems.send(context, ProblemType.INTERNAL, "The request failed unexpectedly");
            }
        }
    }

    private void byStatus(RoutingContext context) {
        int status = context.statusCode();
        switch (status) {
            case 401 -> unauthenticated(context);
            case 413 -> tooLarge(context);
            case -1, 500 -> problems.send(context, ProblemType.INTERNAL, "The request failed unexpectedly");
            default -> problems.send(context, ProblemType.forStatus(status), ProblemType.forStatus(status).title());
        }
    }

    private void unauthenticated(RoutingContext context) {
        problems.sendUnauthenticated(context);
    }

    private void tooLarge(RoutingContext context) {
        problems.send(context, ProblemType.PAYLOAD_TOO_LARGE, "The request body is larger than this endpoint accepts");
    }
}
