package io.ccos.hook.configstate;

import io.ccos.contracts.config.ConfigChanged;
import io.ccos.platform.events.ReceivedEvent;
import io.ccos.platform.persistence.DatabaseFailure;
import io.ccos.platform.tenancy.CallerTenant;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.faulttolerance.api.Guard;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/** Follows ccos.config.changed: each change is applied in the tenant it belongs to. */
@ApplicationScoped
public class ConfigChangeListener {

    private static final Logger LOG = Logger.getLogger(ConfigChangeListener.class);

    private final KnownConfigStore store;
    private final CallerTenant tenant;

    public ConfigChangeListener(KnownConfigStore store, CallerTenant tenant) {
        this.store = store;
        this.tenant = tenant;
    }

    /**
     * Applying is retried while the database is away (each attempt a new transaction), so a short outage
     * loses nothing; other failures, and outages longer than a minute, send the event to the dead-letter topic.
     */
    private static final Guard RETRY_WHILE_DATABASE_AWAY = Guard.create()
            .withRetry().maxRetries(60).delay(1, ChronoUnit.SECONDS).jitter(200, ChronoUnit.MILLIS)
            .whenException(DatabaseFailure::isUnavailable).done()
            .build();

    @Incoming("config-changed")
    @Blocking
    @ActivateRequestContext
    public CompletionStage<Void> onConfigChanged(Message<ConfigChanged> message) {
        try {
            ReceivedEvent<ConfigChanged> event = ReceivedEvent.of(message);
            tenant.actAs(event.tenantId());
            String traceId = consumerTraceId(message);
            boolean applied = RETRY_WHILE_DATABASE_AWAY.call(() -> store.apply(event, traceId), Boolean.class);
            LOG.infof("%s settings %s/%s v%d of tenant %s (event %s, trace %s)", applied ? "Applied" : "Skipped redelivered",
                    event.data().scope(), event.data().name(), event.data().version(), event.tenantId(), event.id(), traceId);
            return message.ack();
        } catch (Exception e) {
            // A nack, not a throw: a throw would end the subscription; a nack sends the record to the dead-letter topic.
            LOG.errorf("Config change at %s cannot be applied, sending it to the dead-letter topic: %s",
                    message.getMetadata(IncomingKafkaRecordMetadata.class)
                            .map(record -> record.getTopic() + "-" + record.getPartition() + "@" + record.getOffset())
                            .orElse("?"), e.getMessage());
            return message.nack(e);
        }
    }

    /** The consumer span the Kafka connector opened for this record, child of the producer's span. */
    private static String consumerTraceId(Message<?> message) {
        SpanContext span = TracingMetadata.fromMessage(message)
                .map(tracing -> Span.fromContext(tracing.getCurrentContext()).getSpanContext())
                .orElseGet(() -> Span.current().getSpanContext());
        return span.isValid() ? span.getTraceId() : null;
    }
}
