package io.ccos.platform.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ccos.contracts.problem.Problem;
import io.ccos.contracts.problem.ProblemType;
import io.ccos.platform.edge.EscapedLogValues;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Answers a request with a problem from below the REST layer (route filters, the router's error handlers,
 * plain routes of hot paths), in the same shape as {@link ProblemResponses}.
 */
@ApplicationScoped
public class ProblemWriter {

    private static final Logger LOG = Logger.getLogger(ProblemWriter.class);

    private final ObjectMapper json;

    public ProblemWriter(ObjectMapper json) {
        this.json = json;
    }

    /** The 401 problem, with the bearer challenge. */
    public void sendUnauthenticated(RoutingContext context) {
        send(context, ProblemType.UNAUTHENTICATED, ProblemResponses.UNAUTHENTICATED_DETAIL);
    }

    public void send(RoutingContext context, ProblemType type, String detail) {
        send(context, Problem.of(type, detail, context.request().path(), ProblemResponses.traceId()));
    }

    /**
     * The problem a plain route's failure means, as the REST layer's mappers would answer it: a
     * {@link ProblemException} as itself, an unreadable body as a 400 naming the defect, a failed
     * authentication as 401; anything else is a bug, logged, and answered with a 500 that says nothing internal.
     */
    public void send(RoutingContext context, Throwable failure) {
        String path = context.request().path();
        switch (failure) {
            case ProblemException problem -> send(context, ProblemResponses.of(problem, path));
            case JsonProcessingException malformed -> send(context, ProblemResponses.malformed(malformed, path));
            case AuthenticationFailedException e -> sendUnauthenticated(context);
            case UnauthorizedException e -> sendUnauthenticated(context);
            case ForbiddenException e -> send(context, ProblemType.FORBIDDEN, "Your roles do not allow this operation");
            default -> {
                String traceId = ProblemResponses.traceId();
                LOG.errorf(failure, "Unexpected failure of %s (trace %s)", EscapedLogValues.escape(path), traceId);
                send(context, ProblemType.INTERNAL, "The request failed unexpectedly; quote trace id " + traceId + " to your operator");
            }
        }
    }

    /**
     * The 401 problem with a challenge of the route's own (mcp-gateway names its OAuth protected resource
     * metadata in it, as the MCP authorization spec asks).
     */
    public void sendUnauthenticated(RoutingContext context, String challenge) {
        send(context, Problem.of(ProblemType.UNAUTHENTICATED, ProblemResponses.UNAUTHENTICATED_DETAIL, context.request().path(),
                ProblemResponses.traceId()), challenge);
    }

    public void send(RoutingContext context, Problem problem) {
        send(context, problem, ProblemResponses.BEARER_CHALLENGE);
    }

    private void send(RoutingContext context, Problem problem, String challenge) {
        String body;
        try {
            body = json.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a problem cannot be written as JSON", e); // a record of strings: cannot happen
        }
        var response = context.response();
        if (response.headWritten()) {
            context.request().connection().close(); // too late for a status: the client must not take a half answer
            return;
        }
        response.setStatusCode(problem.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE);
        if (problem.status() == ProblemType.UNAUTHENTICATED.status()) {
            response.putHeader("WWW-Authenticate", challenge);
        }
        response.end(body);
    }
}
