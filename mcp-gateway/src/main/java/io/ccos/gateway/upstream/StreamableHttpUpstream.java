package io.ccos.gateway.upstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ccos.gateway.jsonrpc.JsonRpc;
import io.ccos.gateway.jsonrpc.JsonRpcError;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * A Streamable HTTP MCP server (revisions 2025-03-26 to 2025-11-25): each message is POSTed; a request's
 * answer comes as JSON or as an event stream that ends with it. The session the upstream hands out at
 * initialize is this replica's, shared by every caller of the server; when the upstream forgets it (404),
 * the connection is lost and the pool opens a new one. What the upstream says about no call (its lists
 * changed, a resource was updated) comes on the session's GET stream, which is held open.
 */
final class StreamableHttpUpstream implements UpstreamConnection {

    private static final Logger LOG = Logger.getLogger(StreamableHttpUpstream.class);
    static final String SESSION_HEADER = "Mcp-Session-Id";
    static final String VERSION_HEADER = "MCP-Protocol-Version";

    private final String label;
    private final URI url;
    private final Map<String, String> headers;
    private final HttpClient http;
    private final ObjectMapper json;
    private final UpstreamConfig config;
    private final PendingCalls pending;
    private final UpstreamMessages messages;
    private final Vertx vertx;
    private volatile String sessionId;
    private volatile ObjectNode initialized;
    private volatile boolean open = true;
    private volatile HttpClientRequest listening;

    private StreamableHttpUpstream(String label, URI url, Map<String, String> headers, HttpClient http, Vertx vertx, ObjectMapper json,
            UpstreamConfig config, Consumer<ObjectNode> notices) {
        this.vertx = vertx;
        this.label = label;
        this.url = url;
        this.headers = headers;
        this.http = http;
        this.json = json;
        this.config = config;
        this.pending = new PendingCalls(vertx, label);
        this.messages = new UpstreamMessages(label, pending, answer -> post(answer, -1, false), notices);
    }

    /** Completes once the upstream answered initialize (and was told it is initialized). */
    static Future<UpstreamConnection> connect(String label, URI url, Map<String, String> headers, HttpClient http, Vertx vertx,
            ObjectMapper json, UpstreamConfig config, Consumer<ObjectNode> notices) {
        StreamableHttpUpstream upstream = new StreamableHttpUpstream(label, url, headers, http, vertx, json, config, notices);
        long id = upstream.pending.nextId();
        Future<JsonNode> answer = upstream.pending.await(id, config.connectTimeout(), ignored -> upstream.open = false);
        upstream.post(JsonRpc.request(id, "initialize", Handshake.initializeParams()), id, true);
        return answer.map(result -> {
            upstream.initialized = Handshake.initialized(label, result);
            upstream.post(JsonRpc.notification("notifications/initialized", null), -1, false);
            upstream.listen();
            LOG.infof("%s connected (%s), speaks %s", label, upstream.sessionId == null ? "no session" : "a session",
                    upstream.initialized.path("protocolVersion").asText());
            return (UpstreamConnection) upstream;
        });
    }

    @Override
    public Future<JsonNode> request(String method, JsonNode params, CallControl control) {
        if (!open) {
            return Future.failedFuture(new UpstreamLost(label + " is disconnected"));
        }
        long id = pending.nextId();
        Future<JsonNode> answer = pending.await(id, config.callTimeout(), this::timedOut, control);
        post(JsonRpc.request(id, method, control.asksProgress() ? ProgressTokens.asking(params, id) : params), id, false);
        control.cancellable(() -> {
            if (pending.fail(id, new JsonRpcError(JsonRpcError.CANCELLED, "Cancelled by the client"))) {
                notify("notifications/cancelled", json.createObjectNode().put("requestId", id).put("reason", "cancelled by the client"));
            }
        });
        return answer;
    }

    @Override
    public void notify(String method, JsonNode params) {
        if (open) {
            post(JsonRpc.notification(method, params), -1, false);
        }
    }

    private void timedOut(long id) {
        notify("notifications/cancelled", json.createObjectNode().put("requestId", id).put("reason", "timed out at the gateway"));
    }

    /** POSTs one message; a request's answer (or why there is none) goes to the call waiting on {@code id}. */
    private void post(ObjectNode message, long id, boolean initializing) {
        Buffer body;
        try {
            body = Buffer.buffer(json.writeValueAsBytes(message));
        } catch (IOException e) {
            pending.fail(id, new JsonRpcError(JsonRpcError.INTERNAL_ERROR, "the request could not be written: " + e.getMessage()));
            return;
        }
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(url.toString())
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .putHeader(HttpHeaders.ACCEPT, "application/json, text/event-stream");
        headers.forEach(options::putHeader);
        if (sessionId != null) {
            options.putHeader(SESSION_HEADER, sessionId);
        }
        if (initialized != null) {
            options.putHeader(VERSION_HEADER, initialized.path("protocolVersion").asText());
        }
        http.request(options)
                .compose(request -> request.send(body))
                .onSuccess(response -> answered(response, id, initializing))
                .onFailure(failure -> {
                    if (id >= 0) {
                        pending.fail(id, new JsonRpcError(JsonRpcError.UPSTREAM_UNAVAILABLE, label + " could not be reached: " + failure.getMessage()));
                    }
                });
    }

    private void answered(HttpClientResponse response, long id, boolean initializing) {
        int status = response.statusCode();
        if (initializing) {
            sessionId = response.getHeader(SESSION_HEADER);
        }
        if (status == 202 || id < 0) {
            response.end(); // a notification's answer has no body worth reading
            return;
        }
        if (status == 404 && sessionId != null) {
            open = false; // the upstream forgot the session: the request did not run
            response.end();
            pending.fail(id, new UpstreamLost(label + " ended the gateway's session"));
            return;
        }
        String type = response.getHeader(HttpHeaders.CONTENT_TYPE);
        long limit = config.maxMessageSize().asLongValue();
        if (status / 100 == 2 && type != null && type.startsWith("text/event-stream")) {
            SseEvents events = SseEvents.ofData(limit, data -> message(data, id));
            response.handler(chunk -> {
                try {
                    events.feed(chunk);
                } catch (IllegalStateException tooLarge) {
                    pending.fail(id, new JsonRpcError(JsonRpcError.UPSTREAM_UNAVAILABLE, label + ": " + tooLarge.getMessage()));
                    response.request().reset();
                }
            });
            response.endHandler(end -> pending.fail(id, new JsonRpcError(JsonRpcError.UPSTREAM_UNAVAILABLE,
                    label + " ended its event stream without answering")));
            return;
        }
        Buffer body = Buffer.buffer();
        response.handler(chunk -> {
            if (body.length() + chunk.length() > limit) {
                pending.fail(id, new JsonRpcError(JsonRpcError.UPSTREAM_UNAVAILABLE, label + " answered with more than " + limit + " bytes"));
                response.request().reset();
            } else {
                body.appendBuffer(chunk);
            }
        });
        response.endHandler(end -> {
            if (status / 100 != 2) {
                pending.fail(id, new JsonRpcError(JsonRpcError.UPSTREAM_UNAVAILABLE, label + " answered HTTP " + status + excerpt(body)));
            } else {
                message(body.toString(), id);
            }
        });
    }

    /** A message the upstream sent back on the answer to request {@code id}: that answer, or something it says or asks on the way. */
    private void message(String data, long id) {
        try {
            messages.received(json.readTree(data), id);
        } catch (IOException e) {
            LOG.warnf("%s sent a message that is not JSON%s", label, excerpt(Buffer.buffer(data)));
        }
    }

    /**
     * Holds the session's GET stream open for what the upstream says about no call; reopened a second after it
     * ends while the connection is open. An upstream that offers none (405, or no session) is not asked again.
     */
    private void listen() {
        if (!open || sessionId == null) {
            return;
        }
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(url.toString())
                .putHeader(HttpHeaders.ACCEPT, "text/event-stream").putHeader(SESSION_HEADER, sessionId)
                .putHeader(VERSION_HEADER, initialized.path("protocolVersion").asText());
        headers.forEach(options::putHeader);
        http.request(options).compose(request -> {
            listening = request;
            return request.send();
        }).onSuccess(response -> {
            String type = response.getHeader(HttpHeaders.CONTENT_TYPE);
            if (response.statusCode() != 200 || type == null || !type.startsWith("text/event-stream")) {
                response.end();
                if (response.statusCode() != 405) {
                    LOG.debugf("%s refused the GET stream (HTTP %d); asking again", label, response.statusCode());
                    listenAgain();
                }
                return;
            }
            SseEvents events = SseEvents.ofData(config.maxMessageSize().asLongValue(), data -> message(data, UpstreamMessages.NO_CALL));
            response.handler(chunk -> {
                try {
                    events.feed(chunk);
                } catch (IllegalStateException tooLarge) {
                    LOG.warnf("%s: %s on its GET stream", label, tooLarge.getMessage());
                    response.request().reset();
                }
            });
            AtomicBoolean ended = new AtomicBoolean();
            response.endHandler(end -> {
                if (ended.compareAndSet(false, true)) {
                    listenAgain();
                }
            });
            response.exceptionHandler(failure -> {
                if (ended.compareAndSet(false, true)) {
                    listenAgain();
                }
            });
        }).onFailure(failure -> listenAgain());
    }

    private void listenAgain() {
        if (open) {
            vertx.setTimer(1000, ignored -> listen());
        }
    }

    private static String excerpt(Buffer body) {
        String text = body.toString().strip();
        return text.isEmpty() ? "" : ": " + (text.length() > 200 ? text.substring(0, 200) + "..." : text);
    }

    @Override
    public ObjectNode initialized() {
        return initialized;
    }

    @Override
    public boolean open() {
        return open;
    }

    /** Ends the upstream session, as the transport asks a client that is done to do. */
    @Override
    public void close() {
        open = false;
        pending.failAll(new UpstreamLost(label + " is disconnected"));
        HttpClientRequest stream = listening;
        if (stream != null) {
            stream.reset();
        }
        if (sessionId != null) {
            RequestOptions options = new RequestOptions().setMethod(HttpMethod.DELETE).setAbsoluteURI(url.toString())
                    .putHeader(SESSION_HEADER, sessionId);
            http.request(options).compose(HttpClientRequest::send).onComplete(done -> {
            });
        }
    }
}
