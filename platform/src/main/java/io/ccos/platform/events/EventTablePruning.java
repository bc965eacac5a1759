package io.ccos.platform.events;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Keeps the platform's event tables small: published outbox rows older than their retention and
 * processed-event ids older than theirs are deleted, in bounded batches, by one replica at a time.
 */
@ApplicationScoped
public class EventTablePruning {

    private static final Logger LOG = Logger.getLogger(EventTablePruning.class);
    private static final String ONE_PRUNER = "select pg_try_advisory_xact_lock(hashtext(current_schema() || '.event_pruning'))";
    private static final String PRUNE_OUTBOX = """
            delete from outbox_event where seq in (
                select seq from outbox_event
                where published_at < now() - make_interval(secs => $1) order by published_at limit $2)""";
    private static final String PRUNE_PROCESSED = """
            delete from processed_event where (consumer, event_id) in (
                select consumer, event_id from processed_event
                where processed_at < now() - make_interval(secs => $1) limit $2)""";

    private final Pool pool;
    private final Vertx vertx;
    private final EventsConfig config;
    private long timer = -1;

    public EventTablePruning(Pool pool, Vertx vertx, EventsConfig config) {
        this.pool = pool;
        this.vertx = vertx;
        this.config = config;
    }

    void start(@Observes StartupEvent startup) {
        long every = config.outbox().pruneInterval().toMillis();
        timer = vertx.setPeriodic(every, every, tick -> prune().subscribe().with(
                deleted -> {
                    if (deleted > 0) {
                        LOG.infof("Pruned %d rows of the outbox and processed events", deleted);
                    }
                },
                failure -> LOG.warnf("Pruning the event tables failed, will retry: %s", failure.getMessage())));
    }

    void stop(@Observes ShutdownEvent shutdown) {
        vertx.cancelTimer(timer);
    }

    /** One pruning round (one batch of each table); returns the rows deleted. */
    Uni<Integer> prune() {
        return pool.withTransaction(connection -> connection.query(ONE_PRUNER).execute().chain(lock -> {
            if (!lock.iterator().next().getBoolean(0)) {
                return Uni.createFrom().item(0); // another replica prunes right now
            }
            int batch = config.outbox().pruneBatchSize();
            return connection.preparedQuery(PRUNE_OUTBOX).execute(Tuple.of(seconds(config.outbox().publishedRetention()), batch))
                    .chain(outbox -> connection.preparedQuery(PRUNE_PROCESSED)
                            .execute(Tuple.of(seconds(config.consumer().processedRetention()), batch))
                            .map(processed -> outbox.rowCount() + processed.rowCount()));
        }));
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }
}
