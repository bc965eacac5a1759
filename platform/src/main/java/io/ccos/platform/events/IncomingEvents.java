package io.ccos.platform.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ccos.platform.persistence.DatabaseFailure;
import io.ccos.platform.tenancy.CallerTenant;
import io.ccos.platform.tenancy.UnitOfWork;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Function;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * The one way a ccos service consumes an event. An {@code @Incoming} method of a channel whose records are
 * strings hands each message here with the data type, a consumer name and the effect:
 *
 * <pre>{@code
 * @Incoming("config-changed")
 * Uni<Void> onConfigChanged(Message<String> message) {
 *     return events.handle(message, ConfigChanged.class, "known-config", store::apply);
 * }
 * }</pre>
 *
 * Each event is its own unit of work, on a Vert.x duplicated context of its own. It parses the CloudEvent
 * and its JSON data, binds the unit of work to the event's tenant, and runs the
 * effect in a transaction that first claims the event id for the consumer (a redelivery is skipped). While
 * the database is unreachable the transaction is retried with backoff; then the record is acked. A record
 * that cannot be parsed or applied is nacked, which sends it to the service's dead-letter topic with the
 * failure in its headers, and consumption goes on.
 *
 * <p>State that each replica keeps in memory (and must therefore see every record of) is followed with
 * {@link #follow} instead, on a channel of its own whose consumer group is the replica's.
 */
@ApplicationScoped
public class IncomingEvents {

    private static final Logger LOG = Logger.getLogger(IncomingEvents.class);

    private final Vertx vertx;
    private final ObjectMapper json;
    private final CallerTenant tenant;
    private final ProcessedEvents processed;
    private final EventsConfig.Consumer config;

    public IncomingEvents(Vertx vertx, ObjectMapper json, CallerTenant tenant, ProcessedEvents processed, EventsConfig config) {
        this.vertx = vertx;
        this.json = json;
        this.tenant = tenant;
        this.processed = processed;
        this.config = config.consumer();
    }

    /** Applies the event once in its tenant, then acks; never fails (a failure is a nack). */
    public <T> Uni<Void> handle(Message<String> message, Class<T> dataType, String consumer,
            Function<ReceivedEvent<T>, Uni<?>> effect) {
        return UnitOfWork.run(vertx, () -> apply(message, dataType, consumer, effect));
    }

    private <T> Uni<Void> apply(Message<String> message, Class<T> dataType, String consumer,
            Function<ReceivedEvent<T>, Uni<?>> effect) {
        ReceivedEvent<T> event;
        try {
            event = ReceivedEvent.parse(message, dataType, json);
            tenant.actAs(event.tenantId());
        } catch (RuntimeException e) {
            return deadLetter(message, consumer, e);
        }
        return Panache.withTransaction(() -> processed.claim(consumer, event.id())
                        .chain(first -> first ? effect.apply(event).replaceWith(true) : Uni.createFrom().item(false)))
                .onFailure(DatabaseFailure::isUnavailable).invoke(e -> LOG.debugf("Database away while %s applies %s: %s",
                        consumer, event.id(), e.getMessage()))
                .onFailure(DatabaseFailure::isUnavailable).retry()
                .withBackOff(config.retryDelay(), config.maxRetryDelay()).atMost(config.maxRetries())
                .invoke(applied -> LOG.debugf("%s %s %s of tenant %s (subject %s, trace %s)", consumer,
                        applied ? "applied" : "skipped redelivered", event.id(), event.tenantId(), event.subject(), event.traceId()))
                .chain(applied -> Uni.createFrom().completionStage(message.ack()))
                .onFailure().recoverWithUni(e -> deadLetter(message, consumer, e));
    }

    /**
     * Applies an event that every replica applies to its own memory (a tenant's registry, its rules): on a
     * channel whose consumer group is the replica's own ({@code <service>-${quarkus.uuid}}), so that each
     * replica receives every record, with no claim in processed_event (that table is shared by the replicas:
     * a claim by one would make the others skip the event). The effect must therefore be idempotent, for
     * instance by applying only a newer version. Database outages are retried as in {@link #handle}; a
     * record that cannot be parsed or applied is dead-lettered (once per replica).
     */
    public <T> Uni<Void> follow(Message<String> message, Class<T> dataType, String consumer,
            Function<ReceivedEvent<T>, Uni<?>> effect) {
        return UnitOfWork.run(vertx, () -> {
            ReceivedEvent<T> event;
            try {
                event = ReceivedEvent.parse(message, dataType, json);
                tenant.actAs(event.tenantId());
            } catch (RuntimeException e) {
                return deadLetter(message, consumer, e);
            }
            return Uni.createFrom().deferred(() -> effect.apply(event))
                    .onFailure(DatabaseFailure::isUnavailable).retry()
                    .withBackOff(config.retryDelay(), config.maxRetryDelay()).atMost(config.maxRetries())
                    .invoke(() -> LOG.debugf("%s followed %s of tenant %s (subject %s, trace %s)", consumer, event.id(),
                            event.tenantId(), event.subject(), event.traceId()))
                    .chain(() -> Uni.createFrom().completionStage(message.ack()))
                    .onFailure().recoverWithUni(e -> deadLetter(message, consumer, e));
        });
    }

    // A nack, never a failed Uni: a failure would end the subscription; a nack dead-letters the record.
    private static Uni<Void> deadLetter(Message<String> message, String consumer, Throwable failure) {
        LOG.errorf("%s cannot apply the record at %s, sending it to the dead-letter topic: %s", consumer,
                message.getMetadata(IncomingKafkaRecordMetadata.class)
                        .map(record -> record.getTopic() + "-" + record.getPartition() + "@" + record.getOffset())
                        .orElse("?"),
                failure.getMessage());
        return Uni.createFrom().completionStage(message.nack(failure));
    }
}
