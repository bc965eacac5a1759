package io.ccos.platform.events;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A row of a service's {@code outbox_event} table: one CloudEvent waiting to be (or already) published. */
record OutboxEvent(UUID id, String topic, String recordKey, String type, String subject, String tenantId,
        String data, String traceparent, OffsetDateTime createdAt) {
}
