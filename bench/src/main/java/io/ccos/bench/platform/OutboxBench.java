package io.ccos.bench.platform;

import io.ccos.bench.harness.Console;
import io.ccos.bench.harness.Report;
import io.ccos.testing.kafka.TopicReader;
import io.ccos.testing.stack.ServiceReplica;
import io.ccos.testing.stack.Stack;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Outbox throughput: two replicas of config-service relay the outbox of a schema of their own while rows are
 * written into it, as the services' transactions write them (multi-row inserts, from two connections). The
 * rate is events received on the topic per second, from the first write to the last record. Baseline: a plain
 * Kafka producer (acks=all, idempotent) sending the same number of records of the same size and headers.
 */
final class OutboxBench {

    static final String TOPIC = "ccos.bench.outbox";
    private static final String SCHEMA = "bench_outbox";
    private static final int KEYS = 1000;
    private static final int WRITE_BATCH = 1000;
    private static final int REPLICAS = 2;
    private static final String DATA = "{\"documentId\":\"%s\",\"scope\":\"managed\",\"name\":\"policy\",\"version\":1,"
            + "\"changedBy\":\"bench\",\"changedAt\":\"2026-12-01T00:00:00Z\"}";

    private final Path root;
    private final Pool pool;
    private final int events;

    OutboxBench(Path root, Pool pool, int events) {
        this.root = root;
        this.pool = pool;
        this.events = events;
    }

    void run(Report report) throws Exception {
        createTopic();
        report.condition("outbox: " + events + " events over " + KEYS + " record keys, ~" + DATA.length() + "-byte JSON data, written in "
                + WRITE_BATCH + "-row inserts from 2 connections while " + REPLICAS + " replicas of config-service (-Xmx256m, SerialGC,"
                + " defaults of ccos.events.outbox.*) relay them to " + TOPIC + " (6 partitions); each side first sends a tenth as many to warm up, and both are timed"
                + " from the first write or send to the last record read back from the topic by the same kind of reader");
        double outbox = relayed();
        double plain = plainProducer();
        Console.progress("outbox: %.0f events/s published; plain producer: %.0f records/s", outbox, plain);
        report.rate("outbox events published, 2 replicas relaying while rows are written", "events_per_s", outbox, events,
                "plain Kafka producer, same records", plain);
        report.target("platform.outbox_published_per_s", ">=", 10_000, outbox);
        report.target("platform.outbox_ratio_to_plain_producer", ">=", 0.5, outbox / plain);
    }

    private double relayed() throws Exception {
        await(pool.query("drop schema if exists " + SCHEMA + " cascade").execute());
        Map<String, String> config = Map.of("ccos.db.schema", SCHEMA);
        List<ServiceReplica> replicas = new ArrayList<>();
        try (TopicReader reader = new TopicReader(TOPIC)) {
            Console.progress("outbox: starting %d replicas of config-service on schema %s", REPLICAS, SCHEMA);
            for (int i = 0; i < REPLICAS; i++) {
                replicas.add(ServiceReplica.start(root, "config-service", "outbox-relay-" + (i + 1), 18181 + i, config));
            }
            Console.progress("outbox: warming up with %d events", warmUp());
            timedToLastArrival(reader, warmUp(), () -> writeFromTwoConnections(warmUp()));
            Console.progress("outbox: writing %d events", events);
            return timedToLastArrival(reader, events, () -> writeFromTwoConnections(events));
        } finally {
            replicas.forEach(ServiceReplica::close);
            await(pool.query("drop schema if exists " + SCHEMA + " cascade").execute());
        }
    }

    /** A tenth of the run, sent first on both sides so that neither is timed while its JIT compiler is still busy. */
    private int warmUp() {
        return events / 10;
    }

    private void writeFromTwoConnections(int count) throws Exception {
        Instant start = Instant.now();
        int perWriter = count / 2;
        await(Future.all(write(0, perWriter), write(perWriter, count - perWriter)));
        Duration writing = Duration.between(start, Instant.now());
        Console.progress("outbox: %d rows written in %d ms (%.0f rows/s)", count, writing.toMillis(), count / (writing.toNanos() / 1e9));
    }

    /**
     * Records per second from the start of {@code send} to the moment the last of {@code count} records was read
     * back from the topic: both sides are timed this way, with the same reader running beside them.
     */
    private static double timedToLastArrival(TopicReader reader, int count, Sender send) throws Exception {
        CompletableFuture<Instant> allArrived = new CompletableFuture<>();
        // The reader is used by one thread at a time: this one, while the records are sent.
        Thread.ofPlatform().name("bench-topic-reader").start(() -> {
            try {
                allArrived.complete(reader.awaitCount(record -> true, count, Duration.ofMinutes(5)));
            } catch (RuntimeException e) {
                allArrived.completeExceptionally(e);
            }
        });
        Instant start = Instant.now();
        send.run();
        Instant last = allArrived.get(6, TimeUnit.MINUTES);
        return count / (Duration.between(start, last).toNanos() / 1e9);
    }

    @FunctionalInterface
    private interface Sender {
        void run() throws Exception;
    }

    /** Inserts {@code count} events from {@code from} on, a batch per statement, one after another on one connection. */
    private Future<Void> write(int from, int count) {
        return pool.withConnection(connection -> {
            Future<Void> chain = Future.succeededFuture();
            for (int offset = 0; offset < count; offset += WRITE_BATCH) {
                int low = from + offset;
                int high = from + Math.min(offset + WRITE_BATCH, count) - 1;
                chain = chain.compose(done -> insert(connection, low, high));
            }
            return chain;
        });
    }

    private Future<Void> insert(SqlClient connection, int low, int high) {
        return connection.preparedQuery("""
                insert into %s.outbox_event (id, topic, record_key, type, subject, tenant_id, data, created_at)
                select gen_random_uuid(), $1, 'bench/' || (i %% %d), 'io.ccos.bench.event', (i %% %d)::text, 'bench',
                       format($2, gen_random_uuid())::jsonb, now()
                from generate_series($3::int, $4::int) as i""".formatted(SCHEMA, KEYS, KEYS))
                .execute(Tuple.of(TOPIC, DATA, low, high)).mapEmpty();
    }

    private double plainProducer() throws Exception {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Stack.kafkaBootstrap());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config); TopicReader reader = new TopicReader(TOPIC)) {
            producer.partitionsFor(TOPIC); // metadata before the clock starts, as the relays have it
            Console.progress("outbox baseline: warming up with %d records", warmUp());
            timedToLastArrival(reader, warmUp(), () -> send(producer, warmUp()));
            Console.progress("outbox baseline: a plain producer sends %d records", events);
            return timedToLastArrival(reader, events, () -> send(producer, events));
        }
    }

    private static void send(KafkaProducer<String, String> producer, int count) throws InterruptedException {
        CountDownLatch acked = new CountDownLatch(count);
        AtomicLong failed = new AtomicLong();
        for (int i = 0; i < count; i++) {
            ProducerRecord<String, String> record = new ProducerRecord<>(TOPIC, "bench/" + (i % KEYS), DATA.formatted(UUID.randomUUID()));
            headers(record, i);
            producer.send(record, (metadata, failure) -> {
                if (failure != null) {
                    failed.incrementAndGet();
                }
                acked.countDown();
            });
        }
        if (!acked.await(5, TimeUnit.MINUTES) || failed.get() > 0) {
            throw new IllegalStateException("the plain producer did not get " + count + " acks (" + failed.get() + " failed)");
        }
    }

    /** The CloudEvents headers the relay writes, so that both sides send records of the same size. */
    private static void headers(ProducerRecord<String, String> record, int i) {
        Map.of("ce_specversion", "1.0", "ce_id", UUID.randomUUID().toString(), "ce_type", "io.ccos.bench.event",
                "ce_source", "/ccos/config-service", "ce_subject", String.valueOf(i % KEYS), "ce_time", Instant.now().toString(),
                "ce_tenant", "bench", "ce_datacontenttype", "application/json", "content-type", "application/json")
                .forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
    }

    private void createTopic() throws Exception {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, Stack.kafkaBootstrap());
        try (Admin admin = Admin.create(config)) {
            if (!admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(TOPIC)) {
                admin.createTopics(List.of(new NewTopic(TOPIC, 6, (short) 1).configs(Map.of("retention.ms", "3600000"))))
                        .all().get(30, TimeUnit.SECONDS);
            }
        }
    }

    static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(5, TimeUnit.MINUTES);
    }
}
