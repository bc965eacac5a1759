package io.ccos.contracts.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.net.URI;
import java.util.List;

/**
 * The one error shape of every ccos HTTP API: RFC 9457 problem details, served as
 * {@code application/problem+json}.
 *
 * @param type     a stable URI per kind of error ({@link ProblemType})
 * @param title    short, human-readable summary of the kind
 * @param status   the HTTP status code
 * @param detail   what went wrong in this occurrence, safe to show to the caller
 * @param instance the request path
 * @param traceId  the OpenTelemetry trace id, to find the request in traces and logs
 * @param errors   field-level violations of a validation problem
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(URI type, String title, int status, String detail, String instance, String traceId,
        List<Violation> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(ProblemType type, String detail, String instance, String traceId) {
        return new Problem(type.uri(), type.title(), type.status(), detail, instance, traceId, List.of());
    }

    public Problem withErrors(List<Violation> violations) {
        return new Problem(type, title, status, detail, instance, traceId, List.copyOf(violations));
    }

    /** One invalid field of a request. */
    public record Violation(String field, String message) {
    }
}
