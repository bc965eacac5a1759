package io.ccos.gateway.upstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ccos.gateway.jsonrpc.JsonRpc;
import io.ccos.gateway.jsonrpc.JsonRpcError;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * A server of the legacy HTTP+SSE transport (revision 2024-11-05, still spoken by many servers): the gateway
 * holds the server's event stream open, the stream's first event ({@code endpoint}) says where messages are
 * POSTed, and every message of the server's, answers included, comes on the stream. As on stdio, nothing there
 * names the call a notification or request is about ({@link UpstreamMessages#UNKNOWN_CALL}). When the stream
 * ends the connection is lost: its calls fail, and the pool opens a new one for the next.
 */
final class SseUpstream implements UpstreamConnection {

    private static final Logger LOG = Logger.getLogger(SseUpstream.class);

    private final String label;
    private final URI url;
    private final Map<String, String> headers;
    private final HttpClient http;
    private final ObjectMapper json;
    private final UpstreamConfig config;
    private final PendingCalls pending;
    private final UpstreamMessages messages;
    private volatile URI endpoint;
    private volatile ObjectNode initialized;
    private volatile boolean open = true;
    private volatile HttpClientRequest stream;

    private SseUpstream(String label, URI url, Map<String, String> headers, HttpClient http, Vertx vertx, ObjectMapper json,
            UpstreamConfig config, Consumer<ObjectNode> notices) {
        this.label = label;
        this.url = url;
        this.headers = headers;
        this.http = http;
        this.json = json;
        this.config = config;
        this.pending = new PendingCalls(vertx, label);
        this.messages = new UpstreamMessages(label, pending, answer -> post(answer, -1), notices);
    }

    /** Completes once the stream is open, its endpoint known, and the server answered initialize. */
    static Future<UpstreamConnection> connect(String label, URI url, Map<String, String> headers, HttpClient http, Vertx vertx,
            ObjectMapper json, UpstreamConfig config, Consumer<ObjectNode> notices) {
        SseUpstream upstream = new SseUpstream(label, url, headers, http, vertx, json, config, notices);
        Promise<Void> ready = Promise.promise();
        long timer = vertx.setTimer(config.connectTimeout().toMillis(), ignored -> ready.tryFail(new JsonRpcError(JsonRpcError.UPSTREAM_TIMEOUT,
                label + " named no endpoint on its event stream within " + config.connectTimeout().toMillis() + " ms")));
        upstream.listen(ready);
        return ready.future().andThen(done -> vertx.cancelTimer(timer)).compose(ignored -> {
            long id = upstream.pending.nextId();
            Future<JsonNode> answer = upstream.pending.await(id, config.connectTimeout(), timedOut -> upstream.close());
            upstream.post(JsonRpc.request(id, "initialize", Handshake.initializeParams()), id);
            return answer;
        }).map(result -> {
            upstream.initialized = Handshake.initialized(label, result);
            upstream.post(JsonRpc.notification("notifications/initialized", null), -1);
            LOG.infof("%s connected (legacy SSE), speaks %s", label, upstream.initialized.path("protocolVersion").asText());
            return (UpstreamConnection) upstream;
        }).onFailure(failure -> upstream.close());
    }

    /** Opens the event stream; {@code ready} completes with its endpoint event. */
    private void listen(Promise<Void> ready) {
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(url.toString())
                .putHeader(HttpHeaders.ACCEPT, "text/event-stream");
        headers.forEach(options::putHeader);
        http.request(options).compose(request -> {
            stream = request;
            return request.send();
        }).onSuccess(response -> {
            String type = response.getHeader(HttpHeaders.CONTENT_TYPE);
            if (response.statusCode() != 200 || type == null || !type.startsWith("text/event-stream")) {
                response.end();
                ready.tryFail(new JsonRpcError(JsonRpcError.UPSTREAM_UNAVAILABLE, label + " answered its event stream's GET with HTTP "
                        + response.statusCode() + (type == null ? "" : " " + type)));
                return;
            }
            SseEvents events = new SseEvents(config.maxMessageSize().asLongValue(), (event, data) -> {
                if ("endpoint".equals(event)) {
                    endpoint(data, ready);
                } else {
                    message(data);
                }
            });
            response.handler(chunk -> {
                try {
                    events.feed(chunk);
                } catch (IllegalStateException tooLarge) {
                    lost(tooLarge.getMessage());
                    response.request().reset();
                }
            });
            response.endHandler(end -> lost("ended its event stream"));
            response.exceptionHandler(failure -> lost("broke its event stream: " + failure.getMessage()));
        }).onFailure(failure -> ready.tryFail(new JsonRpcError(JsonRpcError.UPSTREAM_UNAVAILABLE, label + " could not be reached: "
                + failure.getMessage())));
    }

    /**
     * Where to POST, as the server says: on the server's own origin only, so that a server cannot point the
     * gateway's requests (and their headers) at another host.
     */
    private void endpoint(String data, Promise<Void> ready) {
        URI named;
        try {
            named = url.resolve(data.strip());
        } catch (IllegalArgumentException e) {
            ready.tryFail(new JsonRpcError(JsonRpcError.UPSTREAM_UNAVAILABLE, label + " named an endpoint that is not a URI"));
            return;
        }
        if (!Objects.equals(named.getScheme(), url.getScheme()) || !Objects.equals(named.getHost(), url.getHost()) || named.getPort() != url.getPort()) {
            ready.tryFail(new JsonRpcError(JsonRpcError.UPSTREAM_UNAVAILABLE, label + " named an endpoint on another origin than its own: refused"));
            return;
        }
        endpoint = named;
        ready.tryComplete();
    }

    @Override
    public Future<JsonNode> request(String method, JsonNode params, CallControl control) {
        if (!open) {
            return Future.failedFuture(new UpstreamLost(label + " is disconnected"));
        }
        long id = pending.nextId();
        Future<JsonNode> answer = pending.await(id, config.callTimeout(), this::timedOut, control);
        post(JsonRpc.request(id, method, control.asksProgress() ? ProgressTokens.asking(params, id) : params), id);
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
            post(JsonRpc.notification(method, params), -1);
        }
    }

    private void timedOut(long id) {
        notify("notifications/cancelled", json.createObjectNode().put("requestId", id).put("reason", "timed out at the gateway"));
    }

    /** POSTs one message to the endpoint; its answer comes on the stream, so only a refusal fails the call waiting on {@code id}. */
    private void post(ObjectNode message, long id) {
        Buffer body;
        try {
            body = Buffer.buffer(json.writeValueAsBytes(message));
        } catch (IOException e) {
            pending.fail(id, new JsonRpcError(JsonRpcError.INTERNAL_ERROR, "the request could not be written: " + e.getMessage()));
            return;
        }
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(endpoint.toString())
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json");
        headers.forEach(options::putHeader);
        http.request(options).compose(request -> request.send(body)).onSuccess(response -> {
            response.end();
            if (response.statusCode() / 100 != 2 && id >= 0) {
                pending.fail(id, new JsonRpcError(JsonRpcError.UPSTREAM_UNAVAILABLE, label + " refused a message with HTTP " + response.statusCode()));
            }
        }).onFailure(failure -> {
            if (id >= 0) {
                pending.fail(id, new JsonRpcError(JsonRpcError.UPSTREAM_UNAVAILABLE, label + " could not be reached: " + failure.getMessage()));
            }
        });
    }

    private void message(String data) {
        try {
            messages.received(json.readTree(data), UpstreamMessages.UNKNOWN_CALL);
        } catch (IOException e) {
            LOG.warnf("%s sent an event that is not JSON", label);
        }
    }

    private void lost(String why) {
        if (open) {
            open = false;
            LOG.warnf("%s %s: disconnected", label, why);
            pending.failAll(new JsonRpcError(JsonRpcError.UPSTREAM_UNAVAILABLE, label + " " + why));
        }
    }

    @Override
    public ObjectNode initialized() {
        return initialized;
    }

    @Override
    public boolean open() {
        return open;
    }

    @Override
    public void close() {
        open = false;
        pending.failAll(new UpstreamLost(label + " is disconnected"));
        HttpClientRequest request = stream;
        if (request != null) {
            request.reset();
        }
    }
}
