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
 * An MCP endpoint's answer read as it streams: a POSTed request's (each JSON-RPC message of its event stream,
 * or its one JSON answer), so a test can act in the middle of a call (answer a request the gateway relays,
 * cancel), or a session's GET stream, with the events' ids.
 */
final class StreamedCall implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private record Event(String id, JsonNode message) {
    }

    private final BlockingQueue<Event> messages = new LinkedBlockingQueue<>();
    private String lastEventId;
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
        return open(request, message.toString());
    }

    /** The session's GET stream; with {@code lastEventId}, resumed after that event. */
    static StreamedCall listen(String endpoint, String token, String sessionId, String lastEventId) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(endpoint)).header("Accept", "text/event-stream")
                .header("Authorization", "Bearer " + token).header(SESSION_HEADER, sessionId).GET();
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        return open(request.build(), "GET " + endpoint);
    }

    private static StreamedCall open(HttpRequest request, String what) throws IOException, InterruptedException {
        HttpResponse<Stream<String>> response = HTTP.send(request, HttpResponse.BodyHandlers.ofLines());
        if (response.statusCode() != 200) {
            response.body().close();
            throw new AssertionError("HTTP " + response.statusCode() + " for " + what);
        }
        return new StreamedCall(response.body());
    }

    /** The next message that matches, skipping others; fails after {@code timeout}. */
    JsonNode next(Predicate<JsonNode> wanted, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Event event = messages.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (event == null) {
                throw new AssertionError("no such message within " + timeout);
            }
            if (wanted.test(event.message())) {
                lastEventId = event.id();
                return event.message();
            }
        }
    }

    /** The id of the event {@link #next} returned last; null when it had none. */
    String lastEventId() {
        return lastEventId;
    }

    private void read() {
        String id = null;
        for (Iterator<String> each = lines.iterator(); each.hasNext();) {
            String line = each.next();
            if (line.startsWith("id:")) {
                id = line.substring(3).strip();
                continue;
            }
            String data = line.startsWith("data:") ? line.substring(5).strip() : line.startsWith("{") ? line : null;
            if (data != null && !data.isEmpty()) {
                try {
                    messages.add(new Event(id, JSON.readTree(data)));
                } catch (IOException e) {
                    throw new AssertionError("not JSON: " + data, e);
                }
                id = null;
            }
        }
    }

    @Override
    public void close() {
        lines.close();
        reader.interrupt();
    }
}
