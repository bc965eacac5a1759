package io.ccos.bench.gateway;

import io.ccos.bench.harness.CheckedAnswers;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A session-based MCP client of one Streamable HTTP endpoint, as cheap as the load driver can make it: it
 * initializes once, then each call POSTs a tools/call and reads the whole answer (JSON or an event stream)
 * and checks it carries the tool's text.
 */
final class McpCaller {

    private final Vertx vertx;
    private final URI endpoint;
    private final String bearer;
    private final HttpClient http;
    private final AtomicLong ids = new AtomicLong(1);
    private final Context[] loops;
    private final AtomicInteger next = new AtomicInteger();
    private String sessionId;

    McpCaller(Vertx vertx, String endpoint, String bearer, int connections) {
        this.vertx = vertx;
        this.endpoint = URI.create(endpoint);
        this.bearer = bearer;
        this.http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setMaxPoolSize(connections)
                .setDefaultHost(this.endpoint.getHost()).setDefaultPort(this.endpoint.getPort()));
        this.loops = new Context[] {vertx.getOrCreateContext(), vertx.getOrCreateContext()};
    }

    /** Opens the session (initialize, then notifications/initialized); answers its id, or null for a server without sessions. */
    String open() throws Exception {
        sessionId = initialize().get(30, TimeUnit.SECONDS);
        sendNotification("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}").toCompletableFuture().get(30, TimeUnit.SECONDS);
        return sessionId;
    }

    /** One initialize, answering the session id it opened: what a new client of the endpoint costs. */
    CompletableFuture<String> initialize() {
        String body = "{\"jsonrpc\":\"2.0\",\"id\":" + ids.getAndIncrement() + ",\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                + "\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"ccos-bench\",\"version\":\"1\"}}}";
        CompletableFuture<String> opened = new CompletableFuture<>();
        onLoop(() -> post(body, false).onSuccess(response -> response.body().onComplete(read -> {
            if (response.statusCode() != 200 || read.failed() || !read.result().toString().contains("protocolVersion")) {
                opened.completeExceptionally(new IllegalStateException("initialize of " + endpoint + " answered HTTP " + response.statusCode()));
            } else {
                opened.complete(response.getHeader("Mcp-Session-Id"));
            }
        })).onFailure(opened::completeExceptionally));
        return opened;
    }

    /** A tools/call of {@code tool} whose answer must contain {@code expected}. */
    Supplier<CompletionStage<?>> call(String tool, String argumentsJson, String expected) {
        return () -> {
            String body = "{\"jsonrpc\":\"2.0\",\"id\":" + ids.getAndIncrement() + ",\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool
                    + "\",\"arguments\":" + argumentsJson + "}}";
            CompletableFuture<Buffer> answered = new CompletableFuture<>();
            onLoop(() -> CheckedAnswers.completing(CheckedAnswers.expecting(post(body), expected), answered));
            return answered;
        };
    }

    private CompletionStage<?> sendNotification(String body) {
        CompletableFuture<Void> sent = new CompletableFuture<>();
        onLoop(() -> post(body).onComplete(done -> {
            if (done.succeeded() && done.result().statusCode() / 100 == 2) {
                done.result().body().onComplete(read -> sent.complete(null));
            } else {
                sent.completeExceptionally(new IllegalStateException(endpoint + " refused a notification"
                        + (done.succeeded() ? ": HTTP " + done.result().statusCode() : ": " + done.cause())));
            }
        }));
        return sent;
    }

    private Future<io.vertx.core.http.HttpClientResponse> post(String body) {
        return post(body, true);
    }

    /** A POST of the session ({@code inSession}) or outside it (an initialize opens a new one). */
    private Future<io.vertx.core.http.HttpClientResponse> post(String body, boolean inSession) {
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setURI(endpoint.getPath())
                .putHeader("Content-Type", "application/json").putHeader("Accept", "application/json, text/event-stream");
        if (bearer != null) {
            options.putHeader("Authorization", bearer);
        }
        if (inSession && sessionId != null) {
            options.putHeader("Mcp-Session-Id", sessionId).putHeader("MCP-Protocol-Version", "2025-11-25");
        }
        return http.request(options).compose(request -> request.send(Buffer.buffer(body)));
    }

    /**
     * Starts on one of the client's event loops: a request chained from the driver's thread could see its
     * response arrive before the body handler was set. A call made on an event loop already starts there.
     */
    private void onLoop(Runnable start) {
        Context current = Vertx.currentContext();
        Context loop = current != null && current.isEventLoopContext() ? current : loops[Math.floorMod(next.getAndIncrement(), loops.length)];
        loop.runOnContext(ignored -> start.run());
    }

    void close() {
        http.close();
    }
}
