package io.ccos.testing.kafka;

import io.ccos.contracts.events.EventAttributes;
import io.ccos.testing.stack.Stack;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes a ccos event to the running broker as a service publishes one (CloudEvents 1.0 binary mode,
 * the {@code tenant} extension, key {@code <tenant>/<entity>}): for events whose producer is not built yet
 * or cannot be made to emit on demand.
 */
public final class TopicWriter implements AutoCloseable {

    private final KafkaProducer<String, String> producer;
    private final String source;

    /** @param producingService the service the events claim to come from (their CloudEvents source) */
    public TopicWriter(String producingService) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Stack.kafkaBootstrap());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        producer = new KafkaProducer<>(config);
        source = EventAttributes.sourceOf(producingService);
    }

    /** Sends one event and waits for the broker's acknowledgement; returns its CloudEvents id. */
    public String send(String topic, String type, String tenant, String entityId, String dataJson) throws Exception {
        String id = UUID.randomUUID().toString();
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, EventAttributes.recordKey(tenant, entityId), dataJson);
        header(record, "ce_specversion", EventAttributes.SPEC_VERSION);
        header(record, "ce_id", id);
        header(record, "ce_source", source);
        header(record, "ce_type", type);
        header(record, "ce_subject", entityId);
        header(record, "ce_time", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(OffsetDateTime.now(ZoneOffset.UTC)));
        header(record, EventAttributes.KAFKA_HEADER_PREFIX + EventAttributes.TENANT_EXTENSION, tenant);
        header(record, "content-type", EventAttributes.DATA_CONTENT_TYPE);
        producer.send(record).get(30, TimeUnit.SECONDS);
        return id;
    }

    private static void header(ProducerRecord<String, String> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
