package io.ccos.platform.events;

import io.ccos.contracts.events.EventAttributes;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

/**
 * Publishes committed outbox rows through the {@code ccos-outbox} channel (the topic is set per record) and
 * marks them published once the broker acknowledged them (acks=all). Delivery is at least once: consumers
 * are idempotent by event id.
 *
 * <p>A batch is read in recording order, sent pipelined (the idempotent producer keeps the order on each
 * partition), its acknowledgements awaited together, and marked with one statement. Rows are spread over
 * {@link #LANES} lanes by record key; a relay transaction claims a few lanes with transaction-scoped
 * advisory locks, so replicas relay different lanes at the same time while the events of one entity, which
 * share a lane, are never published by two replicas at once nor out of order.
 *
 * <p>Woken by the PostgreSQL notification each commit of an outbox row sends ({@link OutboxNotifications}),
 * and by a poll as a safety net (broker outages, missed notifications).
 */
@ApplicationScoped
public class OutboxRelay {

    /** Lanes of the outbox; the {@code lane} column of {@code outbox_event} is computed modulo this number. */
    static final int LANES = 32;

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
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
    private static final String CLAIM_LANES = """
            select lane from unnest($1::int[]) as lane
            where pg_try_advisory_xact_lock(hashtext(current_schema() || '.outbox_event'), lane)""";
    private static final String UNPUBLISHED = """
            select id, topic, record_key, type, subject, tenant_id, data::text, traceparent, created_at
            from outbox_event where published_at is null and lane = any($1::int[]) order by seq limit $2""";
    private static final String MARK_PUBLISHED = "update outbox_event set published_at = now() where id = any($1::uuid[])";

    private final Pool pool;
    private final Vertx vertx;
    private final MutinyEmitter<String> emitter;
    private final EventsConfig.Outbox config;
    private final URI source;
    private final List<Integer[]> laneGroups;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean wanted = new AtomicBoolean();
    private volatile boolean stopped;
    private long pollTimer = -1;

    public OutboxRelay(Pool pool, Vertx vertx,
            @Channel("ccos-outbox") @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER) MutinyEmitter<String> emitter,
            EventsConfig config, @ConfigProperty(name = "quarkus.application.name") String serviceName) {
        this.pool = pool;
        this.vertx = vertx;
        // Unbounded is safe here: the relay never has more than one batch in flight.
        this.emitter = emitter;
        this.config = config.outbox();
        this.source = URI.create(EventAttributes.sourceOf(serviceName));
        this.laneGroups = laneGroups(Math.clamp(this.config.lanesPerClaim(), 1, LANES));
    }

    void start(@Observes StartupEvent startup) {
        pollTimer = vertx.setPeriodic(config.pollInterval().toMillis(), config.pollInterval().toMillis(), tick -> wake());
    }

    void stop(@Observes ShutdownEvent shutdown) {
        stopped = true;
        vertx.cancelTimer(pollTimer);
    }

    /** Asks for a relay run soon; wakes coalesce, and a wake during a run makes it go round once more. */
    public void wake() {
        wanted.set(true);
        if (!stopped && running.compareAndSet(false, true)) {
            wanted.set(false);
            relayAll().subscribe().with(published -> finished(), failure -> {
                LOG.warnf("Outbox relay paused, will retry: %s", failure.getMessage());
                finished();
            });
        }
    }

    private void finished() {
        running.set(false);
        if (wanted.get()) {
            wake();
        }
    }

    /** Relays every lane group once, starting at a random one so that replicas start apart; returns the count. */
    Uni<Integer> relayAll() {
        int first = ThreadLocalRandom.current().nextInt(laneGroups.size());
        Uni<Integer> total = Uni.createFrom().item(0);
        for (int i = 0; i < laneGroups.size(); i++) {
            Integer[] lanes = laneGroups.get((first + i) % laneGroups.size());
            total = total.chain(sum -> drain(lanes).map(count -> sum + count));
        }
        return total;
    }

    /** Relays batches of these lanes until a batch comes back short. */
    private Uni<Integer> drain(Integer[] lanes) {
        return relayBatch(lanes).chain(count -> count == config.batchSize() && !stopped
                ? drain(lanes).map(more -> count + more)
                : Uni.createFrom().item(count));
    }

    private Uni<Integer> relayBatch(Integer[] lanes) {
        return pool.withTransaction(connection -> connection.preparedQuery(CLAIM_LANES).execute(Tuple.of(lanes))
                .chain(claimed -> {
                    Integer[] mine = new Integer[claimed.size()];
                    int i = 0;
                    for (Row row : claimed) {
                        mine[i++] = row.getInteger(0);
                    }
                    return mine.length == 0 ? Uni.createFrom().item(0) : publish(connection, mine);
                }));
    }

    private Uni<Integer> publish(SqlConnection connection, Integer[] lanes) {
        return connection.preparedQuery(UNPUBLISHED).execute(Tuple.of(lanes, config.batchSize())).chain(rows -> {
            if (rows.size() == 0) {
                return Uni.createFrom().item(0);
            }
            List<Uni<Void>> acks = new ArrayList<>(rows.size());
            UUID[] ids = new UUID[rows.size()];
            int i = 0;
            for (Row row : rows) {
                ids[i++] = row.getUUID("id");
                acks.add(emitter.sendMessage(message(row)));
            }
            // A failure here rolls the batch back: acknowledged events are sent again (consumers are
            // idempotent by event id), and never out of order.
            return Uni.join().all(acks).andFailFast()
                    .ifNoItem().after(config.ackTimeout()).failWith(() -> new IllegalStateException(
                            "the broker did not acknowledge " + ids.length + " events in " + config.ackTimeout()))
                    .chain(() -> connection.preparedQuery(MARK_PUBLISHED).execute(Tuple.of(ids)))
                    .replaceWith(ids.length);
        });
    }

    private Message<String> message(Row row) {
        OutgoingCloudEventMetadata<Object> cloudEvent = OutgoingCloudEventMetadata.builder()
                .withId(row.getUUID("id").toString())
                .withType(row.getString("type"))
                .withSource(source)
                .withSubject(row.getString("subject"))
                .withTimestamp(row.getOffsetDateTime("created_at").toZonedDateTime())
                .withDataContentType(EventAttributes.DATA_CONTENT_TYPE)
                .withExtension(EventAttributes.TENANT_EXTENSION, row.getString("tenant_id"))
                .build();
        OutgoingKafkaRecordMetadata<String> record = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(row.getString("topic"))
                .withKey(row.getString("record_key"))
                .build();
        String traceparent = row.getString("traceparent");
        Context trace = traceparent == null ? Context.root()
                : GlobalOpenTelemetry.getPropagators().getTextMapPropagator()
                        .extract(Context.root(), Map.of("traceparent", traceparent), CARRIER);
        return Message.of(row.getString("data"), Metadata.of(cloudEvent, record, TracingMetadata.withCurrent(trace)));
    }

    /** The lanes split into groups of {@code size}: what one relay transaction tries to claim. */
    static List<Integer[]> laneGroups(int size) {
        List<Integer[]> groups = new ArrayList<>();
        for (int start = 0; start < LANES; start += size) {
            groups.add(IntStream.range(start, Math.min(start + size, LANES)).boxed().toArray(Integer[]::new));
        }
        return groups;
    }
}
