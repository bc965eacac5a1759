package io.ccos.gateway.upstream;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Splits a text/event-stream into the data of its events (the WHATWG rules MCP's transport uses: fields per
 * line, "data:" lines joined by newlines, an empty line ends an event, comments and other fields ignored).
 */
final class SseEvents {

    private final Consumer<String> onData;
    private final long maxEvent;
    private Buffer line = Buffer.buffer();
    private final StringBuilder data = new StringBuilder();
    private boolean hasData;

    SseEvents(long maxEvent, Consumer<String> onData) {
        this.maxEvent = maxEvent;
        this.onData = onData;
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
                onData.accept(data.toString());
            }
            data.setLength(0);
            hasData = false;
        } else if (text.startsWith("data:")) {
            if (hasData) {
                data.append('\n');
            }
            data.append(text, text.startsWith("data: ") ? 6 : 5, text.length());
            hasData = true;
        }
    }
}
