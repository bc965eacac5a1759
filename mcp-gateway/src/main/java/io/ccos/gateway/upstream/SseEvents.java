package io.ccos.gateway.upstream;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Splits a text/event-stream into its events (the WHATWG rules MCP's transports use: fields per line, "data:"
 * lines joined by newlines, "event:" naming the type, "message" by default, an empty line ends an event,
 * comments and other fields ignored).
 */
final class SseEvents {

    private static final String MESSAGE = "message";

    private final BiConsumer<String, String> onEvent;
    private final long maxEvent;
    private Buffer line = Buffer.buffer();
    private final StringBuilder data = new StringBuilder();
    private boolean hasData;
    private String type = MESSAGE;

    /** Each event's type and data (the legacy SSE transport names its endpoint by an event's type). */
    SseEvents(long maxEvent, BiConsumer<String, String> onEvent) {
        this.maxEvent = maxEvent;
        this.onEvent = onEvent;
    }

    /** The data of every event, whatever its type (Streamable HTTP sends messages only). */
    static SseEvents ofData(long maxEvent, Consumer<String> onData) {
        return new SseEvents(maxEvent, (type, data) -> onData.accept(data));
    }

    /** Feeds the next chunk; fails when an event grows past the limit. Lines are split on bytes: a chunk may end inside a character. */
    void feed(Buffer chunk) {
        int start = 0;
        for (int i = 0; i < chunk.length(); i++) {
            if (chunk.getByte(i) == '\n') {
                line.appendBuffer(chunk, start, i - start);
                lineEnded();
                start = i + 1;
            }
        }
        line.appendBuffer(chunk, start, chunk.length() - start);
        if (line.length() + data.length() > maxEvent) {
            throw new IllegalStateException("an event of the stream is larger than " + maxEvent + " bytes");
        }
    }

    private void lineEnded() {
        String text = line.toString(StandardCharsets.UTF_8);
        line = Buffer.buffer();
        if (text.endsWith("\r")) {
            text = text.substring(0, text.length() - 1);
        }
        if (text.isEmpty()) {
            if (hasData) {
                onEvent.accept(type, data.toString());
            }
            data.setLength(0);
            hasData = false;
            type = MESSAGE;
        } else if (text.startsWith("event:")) {
            type = text.substring(text.startsWith("event: ") ? 7 : 6);
        } else if (text.startsWith("data:")) {
            if (hasData) {
                data.append('\n');
            }
            data.append(text, text.startsWith("data: ") ? 6 : 5, text.length());
            hasData = true;
        }
    }
}
