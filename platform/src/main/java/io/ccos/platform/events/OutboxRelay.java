package io.ccos.platform.events;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.CompositeException;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jboss.logging.Logger;

/**
 * Publishes committed outbox rows and marks them published once the broker acknowledged them (acks=all).
 * Delivery is at least once: consumers are idempotent by event id.
 *
 * <p>A batch is taken with one statement (deleted, or marked published when {@code published-retention} keeps
 * rows), sent pipelined in recording order ({@link OutboxPublisher}), its acknowledgements awaited together,
 * and the transaction committed. Rows are spread over {@link #LANES} lanes by record key;
 * a relay transaction claims a group of lanes with transaction-scoped advisory locks. Lane groups are
 * relayed concurrently, by this replica and by the others, while the events of one entity, which share a
 * lane, are never published by two transactions at once nor out of order.
 *
 * <p>Woken by the PostgreSQL notification each commit of an outbox row sends ({@link OutboxNotifications}),
 * and by a poll as a safety net (broker outages, missed notifications).
 */
@ApplicationScoped
public class OutboxRelay {

    /** Lanes of the outbox; the {@code lane} column of {@code outbox_event} is computed modulo this number. */
    static final int LANES = 32;

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final String CLAIM_LANES = """
            select lane from unnest($1::int[]) as lane
            where pg_try_advisory_xact_lock(hashtext(current_schema() || '.outbox_event'), lane)""";
    /** The oldest unpublished rows of the claimed lanes; the statements below take them in one round trip. */
    private static final String BATCH = """
            with batch as (select seq from outbox_event
                           where published_at is null and lane = any($1::int[]) order by seq limit $2)
            """;
    private static final String TAKEN = """

            returning o.seq, o.id, o.topic, o.record_key, o.type, o.subject, o.tenant_id, o.data::text as data,
                      o.traceparent, o.created_at""";
    /** Rows are deleted as they are published: no second version of each row, no index entries to add. */
    private static final String TAKE_AND_DELETE = BATCH + "delete from outbox_event o using batch where o.seq = batch.seq" + TAKEN;
    /** Rows are kept, marked, for {@code published-retention}; EventTablePruning deletes them later. */
    private static final String TAKE_AND_MARK = BATCH
            + "update outbox_event o set published_at = now() from batch where o.seq = batch.seq" + TAKEN;

    private final Pool pool;
    private final Vertx vertx;
    private final OutboxPublisher publisher;
    private final EventsConfig.Outbox config;
    private final List<Integer[]> laneGroups;
    private final String take;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean wanted = new AtomicBoolean();
    private volatile boolean stopped;
    private long pollTimer = -1;

    public OutboxRelay(Pool pool, Vertx vertx, OutboxPublisher publisher, EventsConfig config) {
        this.pool = pool;
        this.vertx = vertx;
        this.publisher = publisher;
        this.config = config.outbox();
        this.laneGroups = laneGroups(Math.clamp(this.config.lanesPerClaim(), 1, LANES));
        this.take = this.config.publishedRetention().isZero() ? TAKE_AND_DELETE : TAKE_AND_MARK;
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
                LOG.warnf("Outbox relay paused, will retry: %s", describe(failure));
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

    /**
     * Relays every lane group, {@code concurrent-batches} of them at a time (each holds a pooled connection
     * while its batch is in flight, so the rest of the pool stays for requests); returns how many were published.
     */
    Uni<Integer> relayAll() {
        return Multi.createFrom().iterable(laneGroups)
                .onItem().transformToUni(this::drain).merge(config.concurrentBatches())
                .collect().with(Collectors.summingInt(Integer::intValue));
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
                    // Lanes another replica holds right now are skipped: it is relaying them.
                    return mine.length == 0 ? Uni.createFrom().item(0) : publish(connection, mine);
                }));
    }

    /**
     * Takes a batch (deleted or marked published, uncommitted), sends it and commits once the broker has
     * acknowledged all of it. A failure rolls the batch back: acknowledged events are sent again (consumers
     * are idempotent by event id), never out of order.
     */
    private Uni<Integer> publish(SqlConnection connection, Integer[] lanes) {
        return connection.preparedQuery(take).execute(Tuple.of(lanes, config.batchSize())).chain(rows -> {
            if (rows.size() == 0) {
                return Uni.createFrom().item(0);
            }
            List<OutboxEvent> events = inRecordingOrder(rows);
            Context context = io.vertx.core.Vertx.currentContext(); // the connection's
            return publisher.sendAll(events)
                    .ifNoItem().after(config.ackTimeout()).failWith(() -> new IllegalStateException(
                            "the broker did not acknowledge " + events.size() + " events in " + config.ackTimeout()))
                    .emitOn(command -> context.runOnContext(ignored -> command.run())) // acks arrive on Kafka's thread
                    .replaceWith(events.size());
        });
    }

    /** RETURNING follows no order: the batch is put back in recording order, which per record key is commit order. */
    private static List<OutboxEvent> inRecordingOrder(RowSet<Row> rows) {
        SortedMap<Long, OutboxEvent> bySeq = new TreeMap<>();
        for (Row row : rows) {
            bySeq.put(row.getLong("seq"), new OutboxEvent(row.getUUID("id"), row.getString("topic"), row.getString("record_key"),
                    row.getString("type"), row.getString("subject"), row.getString("tenant_id"), row.getString("data"),
                    row.getString("traceparent"), row.getOffsetDateTime("created_at")));
        }
        return List.copyOf(bySeq.values());
    }

    private static String describe(Throwable failure) {
        if (failure instanceof CompositeException composite) {
            return composite.getCauses().stream().map(OutboxRelay::describe).distinct().collect(Collectors.joining("; "));
        }
        return failure.getClass().getSimpleName() + ": " + failure.getMessage();
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
