package io.ccos.platform.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ccos.contracts.events.EventAttributes;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapSetter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Transactional outbox: a service records the events of a change in its own {@code outbox_event} table, in
 * the same transaction as the change, and {@link OutboxRelay} publishes them once committed. So a change is
 * never stored without its event, nor announced without being stored, even when Kafka is down. The trace
 * context of the change is kept with the row, so the published record continues the request's trace.
 */
@ApplicationScoped
public class EventOutbox {

    private static final TextMapSetter<Map<String, String>> CARRIER = Map::put;

    private final DataSource dataSource;
    private final ObjectMapper json;
    private final TransactionSynchronizationRegistry transactions;
    private final OutboxRelay relay;

    public EventOutbox(DataSource dataSource, ObjectMapper json, TransactionSynchronizationRegistry transactions,
            OutboxRelay relay) {
        this.dataSource = dataSource;
        this.json = json;
        this.transactions = transactions;
        this.relay = relay;
    }

    /** Records an event in the current transaction; returns its CloudEvents id. */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID add(String topic, String type, String tenantId, String entityId, Object data) {
        UUID id = UUID.randomUUID();
        Map<String, String> trace = new HashMap<>();
        GlobalOpenTelemetry.getPropagators().getTextMapPropagator().inject(Context.current(), trace, CARRIER);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("""
                        insert into outbox_event (id, topic, record_key, type, subject, tenant_id, data, traceparent, created_at)
                        values (?, ?, ?, ?, ?, ?, ?::jsonb, ?, now())""")) {
            insert.setObject(1, id);
            insert.setString(2, topic);
            insert.setString(3, EventAttributes.recordKey(tenantId, entityId));
            insert.setString(4, type);
            insert.setString(5, entityId);
            insert.setString(6, tenantId);
            insert.setString(7, json.writeValueAsString(data));
            insert.setString(8, trace.get("traceparent"));
            insert.executeUpdate();
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("Could not record event " + type + " in the outbox", e);
        }
        transactions.registerInterposedSynchronization(new WakeRelayAfterCommit(relay));
        return id;
    }

    private record WakeRelayAfterCommit(OutboxRelay relay) implements Synchronization {
        @Override
        public void beforeCompletion() {
        }

        @Override
        public void afterCompletion(int status) {
            if (status == Status.STATUS_COMMITTED) {
                relay.wake();
            }
        }
    }
}
