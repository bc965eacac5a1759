package io.ccos.platform.edge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ccos.contracts.problem.ProblemType;
import io.ccos.platform.problem.ProblemException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.util.List;

/**
 * Reads the JSON body of a plain Vert.x route as the REST layer reads an endpoint's: of the declared media
 * type ({@link DeclaredMediaTypes}' rule, 415), bounded by {@code ccos.edge.max-body-size} and counted as it
 * arrives (413 at the byte past it, chunked or not), and strictly ({@link StrictJson}: 400 naming the defect).
 * The route calls {@link #hold} first, so that no part of the body arrives before a reader is set.
 */
@ApplicationScoped
public class JsonBodies {

    private static final List<MediaType> JSON_ONLY = List.of(MediaType.APPLICATION_JSON_TYPE);

    private final ObjectMapper json;
    private final EdgeConfig config;

    public JsonBodies(ObjectMapper json, EdgeConfig config) {
        this.json = json;
        this.config = config;
    }

    /** Holds the body back until {@link #read} is called (e.g. after the caller is authenticated). */
    public void hold(RoutingContext context) {
        context.request().pause();
    }

    /** Lets a body that will not be read flow (and be dropped), so that the connection serves its next request. */
    public void release(RoutingContext context) {
        if (!context.request().isEnded()) { // HTTP/2 refuses to resume a request that has ended
            context.request().resume();
        }
    }

    /** The body as a JSON tree; fails with a problem (for ProblemWriter) if it is refused. */
    public Future<JsonNode> read(RoutingContext context) {
        HttpServerRequest request = context.request();
        String contentType = request.getHeader(HttpHeaders.CONTENT_TYPE);
        if (!"application/json".equalsIgnoreCase(contentType)) { // the common case, without parsing the header
            String refusal = DeclaredMediaTypes.refusal(contentType == null ? null : MediaType.valueOf(contentType), JSON_ONLY);
            if (refusal != null) {
                return Future.failedFuture(new ProblemException(ProblemType.UNSUPPORTED_MEDIA_TYPE, refusal));
            }
        }
        long limit = config.maxBodySize().asLongValue();
        Promise<JsonNode> read = Promise.promise();
        Buffer body = Buffer.buffer();
        request.handler(chunk -> {
            if (read.future().isComplete()) {
                return; // refused: the rest is dropped as it arrives
            }
            if (body.length() + chunk.length() > limit) {
                if (request.version() != HttpVersion.HTTP_2) { // HTTP/2 ends just the stream, and forbids the header
                    // The connection closes after the answer rather than reading the rest.
                    context.response().putHeader(HttpHeaders.CONNECTION, "close");
                }
                read.fail(new ProblemException(ProblemType.PAYLOAD_TOO_LARGE, "The request body is larger than " + limit + " bytes"));
            } else {
                body.appendBuffer(chunk);
            }
        });
        request.exceptionHandler(read::tryFail);
        request.endHandler(end -> {
            if (!read.future().isComplete()) {
                parse(body, read);
            }
        });
        request.resume();
        return read.future();
    }

    private void parse(Buffer body, Promise<JsonNode> read) {
        try {
            read.complete(json.readValue(body.getBytes(), JsonNode.class));
        } catch (IOException e) { // JsonProcessingException for what the body holds: ProblemWriter names the defect
            read.fail(e);
        }
    }
}
