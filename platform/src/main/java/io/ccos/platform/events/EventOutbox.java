package io.ccos.platform.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ccos.contracts.events.EventAttributes;
import io.ccos.platform.tenancy.CallerTenant;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapSetter;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Transactional outbox: a service records the events of a change in its own {@code outbox_event} table, in
 * the same transaction as the change, and {@link OutboxRelay} publishes them once committed. So a change is
 * never stored without its event, nor announced without being stored, even when Kafka is down. The trace
 * context of the change is kept with the row, so the published record continues the request's trace.
 *
 * <p>The commit itself wakes the relays of every replica: a statement trigger on the table sends a
 * PostgreSQL notification, which the database delivers only when the transaction commits.
 */
@ApplicationScoped
public class EventOutbox {

    private static final TextMapSetter<Map<String, String>> CARRIER = Map::put;
    // The data goes in as text: bound straight to a jsonb parameter, the PostgreSQL client would store a Java
    // string as a JSON string value rather than parse it.
    static final String INSERT = """
            insert into outbox_event (id, topic, record_key, type, subject, tenant_id, data, traceparent, created_at)
            values (:id, :topic, :key, :type, :subject, :tenant, cast(cast(:data as text) as jsonb), :traceparent, now())""";

    private final ObjectMapper json;
    private final CallerTenant tenant;

    public EventOutbox(ObjectMapper json, CallerTenant tenant) {
        this.json = json;
        this.tenant = tenant;
    }

    /**
     * Records an event of the current unit of work's tenant in the current transaction (there must be one:
     * an event outside the change's transaction could outlive a rolled-back change); returns its id.
     */
    public Uni<UUID> add(String topic, String type, String entityId, Object data) {
        String tenantId = tenant.id();
        String payload = toJson(type, data);
        String traceparent = currentTraceparent();
        UUID id = UUID.randomUUID();
        return Panache.getSession().chain(session -> {
            if (session.currentTransaction() == null) {
                return Uni.createFrom().failure(new IllegalStateException(
                        "EventOutbox.add(" + type + ") needs the transaction of the change; call it inside @WithTransaction"));
            }
            return session.createNativeQuery(INSERT)
                    .setParameter("id", id)
                    .setParameter("topic", topic)
                    .setParameter("key", EventAttributes.recordKey(tenantId, entityId))
                    .setParameter("type", type)
                    .setParameter("subject", entityId)
                    .setParameter("tenant", tenantId)
                    .setParameter("data", payload)
                    .setParameter("traceparent", traceparent)
                    .executeUpdate()
                    .replaceWith(id);
        });
    }

    private String toJson(String type, Object data) {
        try {
            return json.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("The data of event " + type + " cannot be written as JSON", e);
        }
    }

    static String currentTraceparent() {
        Map<String, String> trace = new HashMap<>();
        GlobalOpenTelemetry.getPropagators().getTextMapPropagator().inject(Context.current(), trace, CARRIER);
        return trace.get("traceparent");
    }
}
