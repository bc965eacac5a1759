package io.ccos.platform.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ccos.contracts.problem.Problem;
import io.ccos.contracts.problem.ProblemType;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Answers a request with a problem from below the REST layer (route filters, the router's error handlers),
 * in the same shape as {@link ProblemResponses}.
 */
@ApplicationScoped
public class ProblemWriter {

    private final ObjectMapper json;

    public ProblemWriter(ObjectMapper json) {
        this.json = json;
    }

    /** The 401 problem, with the bearer challenge. */
    public void sendUnauthenticated(RoutingContext context) {
        send(context, ProblemType.UNAUTHENTICATED, ProblemResponses.UNAUTHENTICATED_DETAIL);
    }

    public void send(RoutingContext context, ProblemType type, String detail) {
        Problem problem = Problem.of(type, detail, context.request().path(), ProblemResponses.traceId());
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
        response.setStatusCode(type.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE);
        if (type == ProblemType.UNAUTHENTICATED) {
            response.putHeader("WWW-Authenticate", ProblemResponses.BEARER_CHALLENGE);
        }
        response.end(body);
    }
}
