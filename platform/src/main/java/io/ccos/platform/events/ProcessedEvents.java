package io.ccos.platform.events;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Makes consumers idempotent: Kafka delivers at least once, so each consumer records the ids of the events
 * it has applied in its own schema's {@code processed_event} table, in the same transaction as the effect.
 * A redelivered event finds its id there and is skipped. {@link IncomingEvents} does this for every consumer.
 */
@ApplicationScoped
public class ProcessedEvents {

    /** Claims an event for a consumer in the current transaction; false when the consumer has already applied it. */
    public Uni<Boolean> claim(String consumer, String eventId) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        insert into processed_event (consumer, event_id, processed_at) values (:consumer, :event, now())
                        on conflict (consumer, event_id) do nothing""")
                .setParameter("consumer", consumer)
                .setParameter("event", eventId)
                .executeUpdate())
                .map(inserted -> inserted == 1);
    }
}
