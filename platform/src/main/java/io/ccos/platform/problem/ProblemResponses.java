package io.ccos.platform.problem;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.ccos.contracts.problem.Problem;
import io.ccos.contracts.problem.ProblemType;
import io.ccos.platform.edge.UnstorableTextException;
import io.ccos.platform.persistence.DatabaseFailure;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.PessimisticLockException;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every failure of a REST endpoint into RFC 9457 problem details. Nothing internal (stack traces,
 * SQL, class names) reaches the caller; unexpected failures are logged with the trace id the caller gets.
 */
public class ProblemResponses {

    private static final Logger LOG = Logger.getLogger(ProblemResponses.class);
    static final String BEARER_CHALLENGE = "Bearer realm=\"ccos\"";
    /** What every 401 says, from the REST layer or from below it. */
    public static final String UNAUTHENTICATED_DETAIL = "A valid bearer token from the ccos Keycloak realm is required";

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return respond(of(e, path(uri)));
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthenticated(RuntimeException e, UriInfo uri) {
        return Response.fromResponse(respond(Problem.of(ProblemType.UNAUTHENTICATED, UNAUTHENTICATED_DETAIL, path(uri), traceId())))
                .header(HttpHeaders.WWW_AUTHENTICATE, BEARER_CHALLENGE)
                .build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return respond(Problem.of(ProblemType.FORBIDDEN, "Your roles do not allow this operation", path(uri), traceId()));
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e, UriInfo uri) {
        List<Problem.Violation> violations = e.getConstraintViolations().stream()
                .map(v -> new Problem.Violation(lastNode(v.getPropertyPath().toString()), v.getMessage()))
                .sorted(Comparator.comparing(Problem.Violation::field))
                .toList();
        String detail = violations.stream().map(v -> v.field() + ": " + v.message()).collect(Collectors.joining("; "));
        return respond(Problem.of(ProblemType.VALIDATION, detail, path(uri), traceId()).withErrors(violations));
    }

    // Named one by one: Quarkus REST has built-in mappers for the subtypes that answer with an empty body.
    @ServerExceptionMapper({JsonProcessingException.class, MismatchedInputException.class, InvalidFormatException.class})
    public Response malformedJson(JsonProcessingException e, UriInfo uri) {
        return respond(malformed(e, path(uri)));
    }

    /** The problem of a body Jackson could not read (plain routes answer it through {@link ProblemWriter}). */
    public static Problem malformed(JsonProcessingException e, String path) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof ProblemException refusal) { // e.g. a body cut off while it was parsed
                return of(refusal, path);
            }
        }
        if (e instanceof UnstorableTextException unstorable) {
            return Problem.of(ProblemType.VALIDATION, unstorable.getOriginalMessage(), path, traceId())
                    .withErrors(List.of(new Problem.Violation(unstorable.pointer(), unstorable.getOriginalMessage())));
        }
        String detail = switch (e) {
            case InvalidFormatException f -> "Field '" + fieldPath(f) + "' has a value of the wrong type";
            case MismatchedInputException m when !m.getPath().isEmpty() -> "Field '" + fieldPath(m) + "' has a value of the wrong type";
            case StreamConstraintsException limit -> "The body exceeds a limit: " + limit.getOriginalMessage();
            case JsonParseException parse when parse.getOriginalMessage().startsWith("Duplicate field") ->
                    parse.getOriginalMessage() + ": a field may appear once" + location(e);
            case MismatchedInputException m when m.getOriginalMessage().startsWith("Trailing token") ->
                    "The body has data after its JSON value" + location(e);
            default -> "The body is not valid JSON" + location(e);
        };
        return Problem.of(ProblemType.BAD_REQUEST, detail, path, traceId());
    }

    static Problem of(ProblemException e, String path) {
        return Problem.of(e.type(), e.getMessage(), path, traceId()).withErrors(e.violations());
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() != null ? " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")" : "";
    }

    /**
     * Database failures, from Hibernate Reactive or straight from the PostgreSQL client: a unique or version
     * clash is a conflict with another writer (409), a lost or exhausted connection an unavailable dependency
     * (503); anything else is a bug (500).
     */
    @ServerExceptionMapper
    public Response persistence(PersistenceException e, UriInfo uri) {
        if (e instanceof OptimisticLockException || e instanceof PessimisticLockException) {
            return respond(Problem.of(ProblemType.CONFLICT, "Another request changed this resource at the same time; retry",
                    path(uri), traceId()));
        }
        return unexpected(e, uri);
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        if (e.getCause() instanceof JsonProcessingException malformed) {
            return malformedJson(malformed, uri);
        }
        if (status == 401) {
            return unauthenticated(e, uri);
        }
        ProblemType type = ProblemType.forStatus(status);
        if (status >= 500) {
            LOG.errorf(e, "Request %s failed with %d (trace %s)", path(uri), status, traceId());
        }
        return respond(new Problem(type.uri(), type.title(), status, type.title(), path(uri), traceId(), List.of()));
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e, UriInfo uri) {
        if (DatabaseFailure.isUniqueViolation(e)) {
            return respond(Problem.of(ProblemType.CONFLICT, "A resource with the same identity already exists", path(uri), traceId()));
        }
        if (DatabaseFailure.isUnavailable(e)) {
            LOG.warnf("Database unavailable for %s (trace %s): %s", path(uri), traceId(), e.getMessage());
            return respond(Problem.of(ProblemType.UNAVAILABLE, "The database is unavailable; retry later", path(uri), traceId()));
        }
        String traceId = traceId();
        if (DatabaseFailure.sqlState(e) != null) {
            // A database error quotes the statement's data in its message and context: at ERROR only its
            // kinds and SQL state; the whole failure at DEBUG, for whoever reproduces the bug.
            LOG.errorf("Unexpected database failure of %s (trace %s): %s", path(uri), traceId, DatabaseFailure.kinds(e));
            LOG.debugf(e, "Unexpected database failure of %s (trace %s)", path(uri), traceId);
        } else {
            LOG.errorf(e, "Unexpected failure of %s (trace %s)", path(uri), traceId);
        }
        return respond(Problem.of(ProblemType.INTERNAL,
                "The request failed unexpectedly; quote trace id " + traceId + " to your operator", path(uri), traceId));
    }

    static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : uri.getPath();
    }

    static String traceId() {
        SpanContext span = Span.current().getSpanContext();
        return span.isValid() ? span.getTraceId() : null;
    }

    private static String lastNode(String propertyPath) {
        // "create.arg0.name" -> "name": callers know fields, not Java method parameters.
        int dot = propertyPath.lastIndexOf('.');
        return dot < 0 ? propertyPath : propertyPath.substring(dot + 1);
    }

    private static String fieldPath(MismatchedInputException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."));
    }
}
