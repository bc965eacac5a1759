package io.ccos.platform.edge;

import io.ccos.contracts.problem.ProblemType;
import io.ccos.platform.problem.ProblemWriter;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;

/**
 * The first check of every request: an over-long request target (414), one that is not a valid URI or
 * holds control characters or matrix parameters (400), oversized headers (431) and a declared body beyond the limit (413) are answered
 * with a problem here. The HTTP server's own limits are set far higher
 * (quarkus.http.limits.max-initial-line-length, max-header-size) because what it refuses never reaches
 * the router, so it could only answer with a bare status and log nothing.
 */
@ApplicationScoped
public class RequestLimits {

    /** Runs before every other filter and route of the service. */
    static final int PRIORITY = 1000;


    private final EdgeConfig config;
    private final ProblemWriter problems;

    public RequestLimits(EdgeConfig config, ProblemWriter problems) {
        this.config = config;
        this.problems = problems;
    }

    void register(@Observes Filters filters) {
        filters.register(this::check, PRIORITY);
    }

    void check(RoutingContext context) {
        String target = context.request().uri();
        if (target.length() > config.maxUriLength()) {
            problems.send(context, ProblemType.URI_TOO_LONG, "The request target is longer than " + config.maxUriLength() + " characters");
        } else if (!isUri(target)) {
            problems.send(context, ProblemType.BAD_REQUEST,
                    "The request target is not a valid URI (a '%' not followed by two hex digits, a space, a character to escape)");
        } else if (hasControlCharacter(target)) {
            // Nothing stores or logs it safely (PostgreSQL refuses NUL, a newline forges a log line).
            problems.send(context, ProblemType.BAD_REQUEST, "The request target contains a control character");
        } else if (context.request().path().indexOf(';') >= 0) {
            // A matrix parameter would be dropped silently (/managed/a;b=c names the document "a").
            problems.send(context, ProblemType.BAD_REQUEST, "The path contains ';': ccos paths take no matrix parameters");
        } else if (headerBytes(context.request().headers()) > config.maxHeaderBytes()) {
            problems.send(context, ProblemType.HEADERS_TOO_LARGE, "The request headers exceed " + config.maxHeaderBytes() + " bytes");
        } else if (declaredBodyBytes(context) > config.maxBodySize().asLongValue()) {
            problems.send(context, ProblemType.PAYLOAD_TOO_LARGE, "The request body is larger than " + config.maxBodySize().asLongValue() + " bytes");
        } else {
            context.next();
        }
    }

    /**
     * The check Quarkus's HTTP server makes before routing, made here so that its refusal is a problem: the
     * services run with -Dvertx.disableURIValidation=true (./suite, the Dockerfiles), which turns the
     * server's own check, and its bare 400, off.
     */
    private static boolean isUri(String target) {
        try {
            new URI(target);
            return true;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** A control character (C0 or DEL), raw or percent-encoded; a loop rather than a regex: every request asks. */
    static boolean hasControlCharacter(String target) {
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return true;
            }
            if (c == '%' && i + 2 < target.length() && isEncodedControl(target.charAt(i + 1), target.charAt(i + 2))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isEncodedControl(char high, char low) {
        boolean hex = Character.digit(low, 16) >= 0;
        return hex && (high == '0' || high == '1') || (high == '7' && (low == 'f' || low == 'F'));
    }

    private static long declaredBodyBytes(RoutingContext context) {
        String length = context.request().getHeader("Content-Length");
        try {
            return length == null ? 0 : Long.parseLong(length.strip());
        } catch (NumberFormatException e) {
            return 0; // the server itself refuses a malformed Content-Length
        }
    }

    private static long headerBytes(MultiMap headers) {
        long bytes = 0;
        for (Map.Entry<String, String> header : headers) {
            bytes += header.getKey().length() + header.getValue().length() + 4; // ": " and CRLF
        }
        return bytes;
    }
}
