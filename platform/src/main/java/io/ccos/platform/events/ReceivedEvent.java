package io.ccos.platform.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ccos.contracts.events.EventAttributes;
import io.ccos.contracts.tenancy.TenantClaim;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * A consumed ccos CloudEvent: its id (for idempotence), type, the tenant it belongs to, the entity it is
 * about, its data, and the trace it continues (the consumer span's trace, which is the producer's).
 */
public record ReceivedEvent<T>(String id, String type, String tenantId, String subject, T data, String traceId) {

    /** Reads a record of a ccos topic; rejects records that are not ccos CloudEvents or whose data is not a T. */
    static <T> ReceivedEvent<T> parse(Message<String> message, Class<T> dataType, ObjectMapper json) {
        @SuppressWarnings("unchecked")
        IncomingCloudEventMetadata<String> cloudEvent = message.getMetadata(IncomingCloudEventMetadata.class)
                .orElseThrow(() -> new IllegalArgumentException("Not a CloudEvent: the record has no ce_* headers"));
        String tenant = cloudEvent.getExtension(EventAttributes.TENANT_EXTENSION).map(Object::toString)
                .filter(TenantClaim::isValid)
                .orElseThrow(() -> new IllegalArgumentException("Event " + cloudEvent.getId() + " names no valid tenant"));
        if (message.getPayload() == null) {
            throw new IllegalArgumentException("Event " + cloudEvent.getId() + " has no data");
        }
        T data;
        try {
            data = json.readValue(message.getPayload(), dataType);
        } catch (JsonProcessingException e) {
            // The location, not Jackson's message: that quotes the data, which may hold anything.
            throw new IllegalArgumentException("The data of event " + cloudEvent.getId() + " is not a valid "
                    + dataType.getSimpleName() + (e.getLocation() == null ? ""
                            : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")"));
        }
        return new ReceivedEvent<>(cloudEvent.getId(), cloudEvent.getType(), tenant, cloudEvent.getSubject().orElse(null),
                data, traceId(message));
    }

    /** The consumer span the Kafka connector opened for this record, child of the producer's span. */
    private static String traceId(Message<?> message) {
        SpanContext span = TracingMetadata.fromMessage(message)
                .map(tracing -> Span.fromContext(tracing.getCurrentContext()).getSpanContext())
                .orElseGet(() -> Span.current().getSpanContext());
        return span.isValid() ? span.getTraceId() : null;
    }
}
