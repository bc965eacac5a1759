package io.ccos.contracts.problem;

import java.net.URI;

/** The kinds of errors ccos APIs answer with; the URI of each is stable and documented in docs/api/errors.md. */
public enum ProblemType {
    BAD_REQUEST("bad-request", "Malformed request", 400),
    VALIDATION("validation", "Request failed validation", 400),
    UNAUTHENTICATED("unauthenticated", "Authentication required", 401),
    FORBIDDEN("forbidden", "Not allowed", 403),
    NO_TENANT("no-tenant", "Caller has no tenant", 403),
    NOT_FOUND("not-found", "Resource not found", 404),
    METHOD_NOT_ALLOWED("method-not-allowed", "Method not allowed", 405),
    NOT_ACCEPTABLE("not-acceptable", "Not acceptable", 406),
    CONFLICT("conflict", "Conflict", 409),
    PRECONDITION_FAILED("precondition-failed", "Precondition failed", 412),
    PAYLOAD_TOO_LARGE("payload-too-large", "Payload too large", 413),
    URI_TOO_LONG("uri-too-long", "URI too long", 414),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", "Unsupported media type", 415),
    PRECONDITION_REQUIRED("precondition-required", "Precondition required", 428),
    HEADERS_TOO_LARGE("headers-too-large", "Request header fields too large", 431),
    UNAVAILABLE("unavailable", "Dependency unavailable", 503),
    INTERNAL("internal", "Internal error", 500);

    public static final String BASE_URI = "https://ccos.io/problems/";

    private final URI uri;
    private final String title;
    private final int status;

    ProblemType(String slug, String title, int status) {
        this.uri = URI.create(BASE_URI + slug);
        this.title = title;
        this.status = status;
    }

    public URI uri() {
        return uri;
    }

    public String title() {
        return title;
    }

    public int status() {
        return status;
    }

    /** The generic kind for a status code that has no more specific one. */
    public static ProblemType forStatus(int status) {
        for (ProblemType type : values()) {
            if (type.status == status && type != VALIDATION && type != NO_TENANT) {
                return type;
            }
        }
        return status >= 500 ? INTERNAL : BAD_REQUEST;
    }
}
