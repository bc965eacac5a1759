package io.ccos.platform.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.ccos.contracts.config.ConfigChanged;
import io.smallrye.reactive.messaging.ce.DefaultCloudEventMetadataBuilder;
import io.smallrye.reactive.messaging.ce.impl.DefaultIncomingCloudEventMetadata;
import java.net.URI;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.junit.jupiter.api.Test;

/** The consumer recipe's first step: a record becomes a typed event of a tenant, or a clear reason to dead-letter it. */
class ReceivedEventTest {

    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule());
    private final UUID document = UUID.randomUUID();
    private final String data = """
            {"documentId":"%s","scope":"managed","name":"policy","version":3,"changedBy":"ann","changedAt":"2026-12-01T10:00:00Z"}"""
            .formatted(document);

    private static Message<String> record(String payload, String tenant) {
        DefaultCloudEventMetadataBuilder<String> cloudEvent = new DefaultCloudEventMetadataBuilder<String>()
                .withSpecVersion("1.0").withId("e-1").withSource(URI.create("/ccos/config-service"))
                .withType("io.ccos.config.changed").withSubject("doc");
        if (tenant != null) {
            cloudEvent.withExtension("tenant", tenant);
        }
        return Message.of(payload, Metadata.of(new DefaultIncomingCloudEventMetadata<>(cloudEvent.build())));
    }

    @Test
    void readsTheAttributesAndTheTypedData() {
        ReceivedEvent<ConfigChanged> event = ReceivedEvent.parse(record(data, "acme"), ConfigChanged.class, json);
        assertEquals("e-1", event.id());
        assertEquals("acme", event.tenantId());
        assertEquals("doc", event.subject());
        assertEquals(document, event.data().documentId());
        assertEquals(3, event.data().version());
    }

    @Test
    void rejectsRecordsThatAreNotCcosEvents() {
        assertThrows(IllegalArgumentException.class, () -> ReceivedEvent.parse(Message.of(data), ConfigChanged.class, json));
        assertThrows(IllegalArgumentException.class, () -> ReceivedEvent.parse(record(data, null), ConfigChanged.class, json));
        assertThrows(IllegalArgumentException.class, () -> ReceivedEvent.parse(record(data, "not a tenant!"), ConfigChanged.class, json));
    }

    @Test
    void aBadPayloadIsRejectedWithoutQuotingIt() {
        IllegalArgumentException failure = assertThrows(IllegalArgumentException.class,
                () -> ReceivedEvent.parse(record("{\"documentId\": \"secret-token-123", "acme"), ConfigChanged.class, json));
        assertTrue(failure.getMessage().contains("not a valid ConfigChanged"), failure.getMessage());
        assertFalse(failure.getMessage().contains("secret-token-123"), failure.getMessage());
    }
}
