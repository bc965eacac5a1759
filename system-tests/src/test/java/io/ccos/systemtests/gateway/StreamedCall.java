package io.ccos.systemtests.gateway;

import static io.ccos.systemtests.gateway.GatewayFixtures.JSON;
import static io.ccos.systemtests.gateway.GatewayFixtures.SESSION_HEADER;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * One request POSTed to an MCP endpoint whose answer is read as it streams: each JSON-RPC message of its
 * event stream (or its one JSON answer) in turn, so a test can act in the middle of a call (answer a request
 * the gateway relays, cancel).
 */
final class StreamedCall implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
    private final Thread reader;
    private final Stream<String> lines;

    private StreamedCall(Stream<String> lines) {
        this.lines = lines;
        this.reader = Thread.ofVirtual().start(this::read);
    }

    static StreamedCall post(String endpoint, String token, String sessionId, Object message) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint))
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .header("Authorization", "Bearer " + token).header(SESSION_HEADER, sessionId)
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(message))).build();
        HttpResponse<Stream<String>> response = HTTP.send(request, HttpResponse.BodyHandlers.ofLines());
        if (response.statusCode() != 200) {
            throw new AssertionError("HTTP " + response.statusCode() + " for " + message);
        }
        return new StreamedCall(response.body());
    }

    /** The next message that matches, skipping others; fails after {@code timeout}. */
    JsonNode next(Predicate<JsonNode> wanted, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            JsonNode message = messages.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (message == null) {
                throw new AssertionError("no such message within " + timeout);
            }
            if (wanted.test(message)) {
                return message;
            }
        }
    }

    private void read() {
        for (Iterator<String> each = lines.iterator(); each.hasNext();) {
            String line = each.next();
            String data = line.startsWith("data:") ? line.substring(5).strip() : line.startsWith("{") ? line : null;
            if (data != null && !data.isEmpty()) {
                try {
                    messages.add(JSON.readTree(data));
                } catch (IOException e) {
                    throw new AssertionError("not JSON: " + data, e);
                }
            }
        }
    }

    @Override
    public void close() {
        lines.close();
        reader.interrupt();
    }
}
