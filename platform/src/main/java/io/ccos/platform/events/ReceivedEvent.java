package io.ccos.platform.events;

import io.ccos.contracts.events.EventAttributes;
import io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata;
import java.util.Optional;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * The attributes of a consumed CloudEvent a ccos consumer needs: its id (for idempotence), type, the
 * tenant it belongs to, the entity it is about, and its data.
 */
public record ReceivedEvent<T>(String id, String type, String tenantId, String subject, T data) {

    /** Reads a message from a ccos topic; rejects messages that are not ccos CloudEvents. */
    @SuppressWarnings("unchecked")
    public static <T> ReceivedEvent<T> of(Message<T> message) {
        IncomingCloudEventMetadata<T> cloudEvent = message.getMetadata(IncomingCloudEventMetadata.class)
                .orElseThrow(() -> new IllegalArgumentException("Not a CloudEvent: the record has no ce_* headers"));
        String tenant = Optional.ofNullable(cloudEvent.getExtension(EventAttributes.TENANT_EXTENSION).orElse(null))
                .map(Object::toString)
                .orElseThrow(() -> new IllegalArgumentException("Event " + cloudEvent.getId() + " names no tenant"));
        return new ReceivedEvent<>(cloudEvent.getId(), cloudEvent.getType(), tenant,
                cloudEvent.getSubject().orElse(null), message.getPayload());
    }
}
