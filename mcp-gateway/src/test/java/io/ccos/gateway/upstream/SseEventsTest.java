package io.ccos.gateway.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseEventsTest {

    @Test
    void eventsAreJoinedAcrossChunksLinesAndCharacters() {
        List<String> data = new ArrayList<>();
        SseEvents events = SseEvents.ofData(1024, data::add);
        byte[] stream = ": comment\r\nevent: message\nid: 7\ndata: {\"a\":\ndata:\"é\"}\n\ndata: second\r\n\r\n".getBytes(StandardCharsets.UTF_8);
        for (byte b : stream) { // one byte per chunk: "é" is split between two chunks
            events.feed(Buffer.buffer(new byte[] {b}));
        }
        assertEquals(List.of("{\"a\":\n\"é\"}", "second"), data);
    }

    @Test
    void eachEventHasItsTypeAndMessageIsTheDefault() {
        List<String> events = new ArrayList<>();
        SseEvents stream = new SseEvents(1024, (type, data) -> events.add(type + "=" + data));
        stream.feed(Buffer.buffer("event: endpoint\ndata: /message?sessionId=1\n\ndata: {}\n\nevent:ping\ndata: x\n\n"));
        assertEquals(List.of("endpoint=/message?sessionId=1", "message={}", "ping=x"), events);
    }

    @Test
    void anEventPastTheLimitFails() {
        SseEvents events = SseEvents.ofData(16, data -> { });
        assertThrows(IllegalStateException.class, () -> events.feed(Buffer.buffer("data: " + "x".repeat(32))));
    }
}
