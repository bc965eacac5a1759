package io.ccos.testing.kafka;

import io.ccos.testing.stack.Stack;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a topic of the running broker from "now" on, without joining any consumer group, so a test sees
 * what is published after it opened the reader and disturbs no service.
 */
public final class TopicReader implements AutoCloseable {

    private final KafkaConsumer<String, String> consumer;

    /** A reader of what is published from now on. */
    public TopicReader(String topic) {
        this(topic, null);
    }

    /** A reader of what was published since {@code from} (e.g. before an outage, to read what it delayed). */
    public static TopicReader since(String topic, Instant from) {
        return new TopicReader(topic, from);
    }

    private TopicReader(String topic, Instant from) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Stack.kafkaBootstrap());
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        consumer = new KafkaConsumer<>(config);
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                .map(info -> new TopicPartition(topic, info.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        if (from != null) {
            java.util.Map<TopicPartition, Long> at = new java.util.HashMap<>();
            partitions.forEach(partition -> at.put(partition, from.toEpochMilli()));
            consumer.offsetsForTimes(at).forEach((partition, offset) -> {
                if (offset != null) {
                    consumer.seek(partition, offset.offset());
                }
            });
        }
        partitions.forEach(consumer::position); // resolve the positions now, not at the first poll
    }

    /** The first record published after the reader was opened that matches, or empty after the timeout. */
    public Optional<ConsumerRecord<String, String>> await(Predicate<ConsumerRecord<String, String>> match, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(250))) {
                if (match.test(record)) {
                    return Optional.of(record);
                }
            }
        }
        return Optional.empty();
    }

    /** The first {@code count} matching records published after the reader was opened, in the order read; fewer after the timeout. */
    public List<ConsumerRecord<String, String>> awaitAll(Predicate<ConsumerRecord<String, String>> match, int count, Duration timeout) {
        List<ConsumerRecord<String, String>> found = new java.util.ArrayList<>();
        Instant deadline = Instant.now().plus(timeout);
        while (found.size() < count && Instant.now().isBefore(deadline)) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(250))) {
                if (match.test(record) && found.size() < count) {
                    found.add(record);
                }
            }
        }
        return found;
    }

    /**
     * Waits until {@code count} matching records have been read (counting, not keeping them) and returns when
     * the last of them arrived; fails after the timeout.
     */
    public Instant awaitCount(Predicate<ConsumerRecord<String, String>> match, long count, Duration timeout) {
        long seen = 0;
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                if (match.test(record) && ++seen == count) {
                    return Instant.now();
                }
            }
        }
        throw new IllegalStateException("only " + seen + " of " + count + " records arrived in " + timeout);
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(2));
    }
}
