package io.ccos.platform.events;

import io.ccos.contracts.events.EventAttributes;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.Properties;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Writes outbox rows to Kafka as CloudEvents 1.0 in binary mode ({@code ce_*} headers, JSON value, the
 * change's {@code traceparent}), with one plain idempotent producer per service instance ({@code acks=all},
 * at most 5 requests in flight, so that retries never reorder a partition). The relay sends a whole batch
 * before awaiting its acknowledgements; a producer of its own, rather than a messaging channel, keeps the
 * per-record cost to building the record.
 */
@ApplicationScoped
public class OutboxPublisher {

    private final KafkaProducer<String, String> producer;
    private final byte[] source;

    public OutboxPublisher(EventsConfig config, @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap,
            @ConfigProperty(name = "quarkus.application.name") String serviceName) {
        EventsConfig.Producer settings = config.producer();
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(ProducerConfig.CLIENT_ID_CONFIG, serviceName + "-outbox");
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        properties.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
        properties.put(ProducerConfig.LINGER_MS_CONFIG, String.valueOf(settings.linger().toMillis()));
        properties.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(settings.batchBytes()));
        properties.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, settings.compression());
        // A send gives up a while after the relay stopped waiting for it (ack timeout); the batch is retried from the table.
        long ackTimeout = config.outbox().ackTimeout().toMillis();
        properties.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, String.valueOf(ackTimeout));
        properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, String.valueOf(3 * ackTimeout + settings.linger().toMillis()));
        properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, String.valueOf(ackTimeout));
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        this.producer = new KafkaProducer<>(properties);
        this.source = EventAttributes.sourceOf(serviceName).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Hands a batch to the producer, in order, and completes when the broker has acknowledged all of it. The
     * sends run on a worker thread: a producer without metadata (Kafka away) blocks for up to max.block.ms.
     */
    Uni<Void> sendAll(List<OutboxEvent> events) {
        return Uni.createFrom().item(() -> events.stream().map(this::send).toArray(CompletableFuture[]::new))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .chain(acks -> Uni.createFrom().completionStage(CompletableFuture.allOf(acks)));
    }

    /** Hands one event to the producer (which may block for metadata: call it on a worker); completes on the ack. */
    CompletableFuture<Void> send(OutboxEvent event) {
        ProducerRecord<String, String> record = new ProducerRecord<>(event.topic(), event.recordKey(), event.data());
        Headers headers = record.headers();
        headers.add("ce_specversion", bytes(EventAttributes.SPEC_VERSION));
        headers.add("ce_id", bytes(event.id().toString()));
        headers.add("ce_source", source);
        headers.add("ce_type", bytes(event.type()));
        headers.add("ce_subject", bytes(event.subject()));
        headers.add("ce_time", bytes(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(event.createdAt())));
        headers.add(EventAttributes.KAFKA_HEADER_PREFIX + EventAttributes.TENANT_EXTENSION, bytes(event.tenantId()));
        headers.add("content-type", bytes(EventAttributes.DATA_CONTENT_TYPE));
        if (event.traceparent() != null) {
            headers.add("traceparent", bytes(event.traceparent()));
        }
        CompletableFuture<Void> acked = new CompletableFuture<>();
        try {
            producer.send(record, (metadata, failure) -> {
                if (failure == null) {
                    acked.complete(null);
                } else {
                    acked.completeExceptionally(failure);
                }
            });
        } catch (RuntimeException e) {
            acked.completeExceptionally(e); // no metadata in time, buffer full, record too large
        }
        return acked;
    }

    void stop(@Observes ShutdownEvent shutdown) {
        producer.close(Duration.ofSeconds(5));
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
