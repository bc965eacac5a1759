package io.ccos.platform.events;

import io.ccos.contracts.events.EventAttributes;
import io.opentelemetry.context.Context;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.ZonedDateTime;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;

/**
 * Builds the one kind of Kafka message ccos services publish: a CloudEvent in binary mode with JSON data,
 * keyed by tenant and entity, carrying the current trace context. Send it with a {@code MutinyEmitter} and
 * wait for the broker's acknowledgement ({@code sendMessageAndAwait}) before telling the caller it is done.
 */
@ApplicationScoped
public class EventMessages {

    private final URI source;

    public EventMessages(@ConfigProperty(name = "quarkus.application.name") String serviceName) {
        this.source = URI.create(EventAttributes.sourceOf(serviceName));
    }

    public <T> Message<T> create(String type, String tenantId, String entityId, T data) {
        OutgoingCloudEventMetadata<Object> cloudEvent = OutgoingCloudEventMetadata.builder()
                .withId(UUID.randomUUID().toString())
                .withType(type)
                .withSource(source)
                .withSubject(entityId)
                .withTimestamp(ZonedDateTime.now())
                .withDataContentType(EventAttributes.DATA_CONTENT_TYPE)
                .withExtension(EventAttributes.TENANT_EXTENSION, tenantId)
                .build();
        OutgoingKafkaRecordMetadata<String> record = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(EventAttributes.recordKey(tenantId, entityId))
                .build();
        return Message.of(data, Metadata.of(cloudEvent, record, TracingMetadata.withCurrent(Context.current())));
    }
}
