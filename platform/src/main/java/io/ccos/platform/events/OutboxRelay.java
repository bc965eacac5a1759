package io.ccos.platform.events;

import io.ccos.contracts.events.EventAttributes;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;

/**
 * Publishes committed outbox rows, oldest first, through the {@code ccos-outbox} channel (the topic is set
 * per record), in the order they were recorded, and marks them published once the broker acknowledged them
 * (acks=all). Woken right after each commit, and every few seconds as a safety net (broker outages, events
 * of other replicas). Delivery is at least once: consumers are idempotent by event id.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final int BATCH = 100;
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(10);
    private static final TextMapGetter<Map<String, String>> CARRIER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private final DataSource dataSource;
    private final MutinyEmitter<String> emitter;
    private final URI source;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("outbox-relay").factory());
    private final AtomicBoolean pending = new AtomicBoolean();

    public OutboxRelay(DataSource dataSource, @Channel("ccos-outbox") MutinyEmitter<String> emitter,
            @ConfigProperty(name = "quarkus.application.name") String serviceName) {
        this.dataSource = dataSource;
        this.emitter = emitter;
        this.source = URI.create(EventAttributes.sourceOf(serviceName));
    }

    /** Asks for a relay run soon; runs coalesce. */
    public void wake() {
        if (pending.compareAndSet(false, true)) {
            worker.execute(() -> {
                pending.set(false);
                relay();
            });
        }
    }

    // Delayed: the first run must not come before the messaging channels are wired at start-up.
    @Scheduled(every = "${ccos.outbox.poll-interval:5s}", delayed = "${ccos.outbox.poll-interval:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        wake();
    }

    void stop(@Observes ShutdownEvent shutdown) {
        worker.shutdown();
    }

    /** Publishes batches until the outbox is empty or the broker fails; returns how many were published. */
    int relay() {
        int published = 0;
        try {
            int batch;
            do {
                batch = relayBatch();
                published += batch;
            } while (batch == BATCH);
        } catch (Exception e) {
            LOG.warnf("Outbox relay paused, will retry: %s", e.getMessage());
        }
        return published;
    }

    private int relayBatch() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                if (!becomeTheRelay(connection)) {
                    connection.rollback();
                    return 0; // another replica is relaying this schema's outbox right now
                }
                List<OutboxEvent> events = unpublished(connection);
                for (OutboxEvent event : events) {
                    emitter.sendMessage(message(event)).await().atMost(ACK_TIMEOUT);
                    markPublished(connection, event.id());
                }
                // A failure above rolls the whole batch back: acknowledged events are sent again (consumers are
                // idempotent by event id), and never out of order.
                connection.commit();
                return events.size();
            } catch (RuntimeException | SQLException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    /**
     * One relay per schema at a time (a transaction-scoped advisory lock), so that replicas never publish
     * the same rows twice or overtake each other's older events.
     */
    private static boolean becomeTheRelay(Connection connection) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement(
                "select pg_try_advisory_xact_lock(hashtext(current_schema() || '.outbox_event'))");
                ResultSet result = lock.executeQuery()) {
            return result.next() && result.getBoolean(1);
        }
    }

    private static List<OutboxEvent> unpublished(Connection connection) throws SQLException {
        List<OutboxEvent> events = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("""
                select id, topic, record_key, type, subject, tenant_id, data::text, traceparent, created_at
                from outbox_event where published_at is null order by seq limit ?""")) {
            select.setInt(1, BATCH);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    events.add(new OutboxEvent(rows.getObject(1, UUID.class), rows.getString(2), rows.getString(3),
                            rows.getString(4), rows.getString(5), rows.getString(6), rows.getString(7), rows.getString(8),
                            rows.getObject(9, java.time.OffsetDateTime.class)));
                }
            }
        }
        return events;
    }

    private static void markPublished(Connection connection, UUID id) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("update outbox_event set published_at = now() where id = ?")) {
            update.setObject(1, id);
            update.executeUpdate();
        }
    }

    private Message<String> message(OutboxEvent event) {
        OutgoingCloudEventMetadata<Object> cloudEvent = OutgoingCloudEventMetadata.builder()
                .withId(event.id().toString())
                .withType(event.type())
                .withSource(source)
                .withSubject(event.subject())
                .withTimestamp(event.createdAt().toZonedDateTime())
                .withDataContentType(EventAttributes.DATA_CONTENT_TYPE)
                .withExtension(EventAttributes.TENANT_EXTENSION, event.tenantId())
                .build();
        OutgoingKafkaRecordMetadata<String> record = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(event.topic())
                .withKey(event.recordKey())
                .build();
        Context trace = event.traceparent() == null ? Context.root()
                : GlobalOpenTelemetry.getPropagators().getTextMapPropagator()
                        .extract(Context.root(), Map.of("traceparent", event.traceparent()), CARRIER);
        return Message.of(event.data(), Metadata.of(cloudEvent, record, TracingMetadata.withCurrent(trace)));
    }
}
