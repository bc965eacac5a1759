package io.ccos.platform.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ccos.contracts.events.EventAttributes;
import io.ccos.platform.tenancy.CallerTenant;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.jboss.logging.Logger;

/**
 * Events of high-volume streams (audit, tool calls, hook decisions) sent straight to Kafka rather than through
 * the change's transaction: the caller hands the event over and goes on, nothing on its path waits for the
 * broker or the database. A bounded in-memory buffer feeds the producer from a thread of its own. An event
 * that finds the buffer full, that the producer cannot take, or that the broker does not acknowledge (Kafka
 * away) spills to the outbox, in batches, and the relay publishes it once Kafka is back. An event is lost only
 * if the process dies while it is in memory, or if the database is away too for longer than the spill buffer
 * lasts (counted in {@code ccos_events_direct_dropped_total}). Order is not kept across a spill.
 *
 * <p>The caller's thread (often an event loop on a hot path) only captures what belongs to it (tenant,
 * trace, time, id); the sender writes the JSON and builds the record, a batch at a time after a short linger.
 */
@ApplicationScoped
public class DirectEvents {

    private static final Logger LOG = Logger.getLogger(DirectEvents.class);
    private static final String SPILL = """
            insert into outbox_event (id, topic, record_key, type, subject, tenant_id, data, traceparent, created_at)
            values ($1, $2, $3, $4, $5, $6, ($7::text)::jsonb, $8, $9)""";

    private final OutboxPublisher publisher;
    private final Pool pool;
    private final CallerTenant tenant;
    private final ObjectMapper json;
    private final EventsConfig.Direct config;
    private final BlockingQueue<Pending> buffer;
    private final ConcurrentLinkedQueue<Pending> spills = new ConcurrentLinkedQueue<>();
    private final AtomicInteger spillCount = new AtomicInteger();
    private final AtomicBoolean flushing = new AtomicBoolean();
    private final Counter sent;
    private final Counter spilled;
    private final Counter dropped;
    private volatile boolean stopped;
    private Thread sender;

    public DirectEvents(OutboxPublisher publisher, Pool pool, CallerTenant tenant, ObjectMapper json, EventsConfig config,
            MeterRegistry metrics) {
        this.publisher = publisher;
        this.pool = pool;
        this.tenant = tenant;
        this.json = json;
        this.config = config.direct();
        this.buffer = new ArrayBlockingQueue<>(Math.max(1, this.config.bufferSize()));
        this.sent = Counter.builder("ccos.events.direct.sent").description("Events sent straight to Kafka").register(metrics);
        this.spilled = Counter.builder("ccos.events.direct.spilled").description("Events written to the outbox instead").register(metrics);
        this.dropped = Counter.builder("ccos.events.direct.dropped").description("Events lost: neither Kafka nor the database took them")
                .register(metrics);
    }

    void start(@Observes StartupEvent startup) {
        sender = Thread.ofPlatform().daemon().name("direct-events").start(this::sendLoop);
    }

    void stop(@Observes ShutdownEvent shutdown) throws InterruptedException {
        stopped = true;
        if (sender != null) {
            sender.join(2000);
        }
        // What is still waiting for the producer goes to the outbox, so that a restart loses nothing.
        List<Pending> waiting = new ArrayList<>();
        buffer.drainTo(waiting);
        waiting.forEach(this::spill);
    }

    /**
     * An event on its way: what the caller's thread captured, the data not yet written as JSON (the sender
     * writes it: the data must not change once handed over), and what waits for it to be durable (null when
     * nothing does).
     */
    private final class Pending {
        final UUID id = UUID.randomUUID();
        final String topic;
        final String type;
        final String entityId;
        final Object data;
        final String tenantId = tenant.id();
        final String traceparent = EventOutbox.currentTraceparent();
        final OffsetDateTime createdAt = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        final CompletableFuture<Void> durable;
        private OutboxEvent event;

        Pending(String topic, String type, String entityId, Object data, CompletableFuture<Void> durable) {
            this.topic = topic;
            this.type = type;
            this.entityId = entityId;
            this.data = data;
            this.durable = durable;
        }

        /** The record, its JSON written on first use (by the sender, or by a spill). */
        synchronized OutboxEvent event() {
            if (event == null) {
                event = new OutboxEvent(id, topic, EventAttributes.recordKey(tenantId, entityId), type, entityId, tenantId,
                        toJson(type, data), traceparent, createdAt);
            }
            return event;
        }

        void madeDurable() {
            if (durable != null) {
                durable.complete(null);
            }
        }

        void lost(RuntimeException cause) {
            if (durable != null) {
                durable.completeExceptionally(cause);
            }
        }
    }

    /** Hands an event of the unit of work's tenant over for publishing; returns its CloudEvents id at once. */
    public UUID emit(String topic, String type, String entityId, Object data) {
        return handOver(new Pending(topic, type, entityId, data, null)).id;
    }

    /**
     * Hands an event over like {@link #emit} and tells when it is durable: acknowledged by Kafka or, with Kafka
     * away, written to the outbox (whose relay publishes it later). Fails only if neither took it and the
     * spill buffer is full; while the database is away too it stays incomplete: the caller bounds its wait.
     */
    public CompletableFuture<Void> emitDurably(String topic, String type, String entityId, Object data) {
        return handOver(new Pending(topic, type, entityId, data, new CompletableFuture<>())).durable;
    }

    /** Into the buffer for the sender, or, when it is full, straight to the outbox. */
    private Pending handOver(Pending pending) {
        if (!buffer.offer(pending)) {
            spill(pending);
        }
        return pending;
    }

    private void sendLoop() {
        List<Pending> batch = new ArrayList<>();
        while (!stopped) {
            try {
                Pending first = buffer.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                if (first.durable == null && !config.linger().isZero()) {
                    // Let the batch gather: the events that arrive meanwhile wake nobody (no one waits on the queue).
                    LockSupport.parkNanos(config.linger().toNanos());
                }
                batch.add(first);
                buffer.drainTo(batch, 1000);
                for (Pending pending : batch) {
                    send(pending);
                }
                batch.clear();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void send(Pending pending) {
        OutboxEvent event = writtenOrDropped(pending);
        if (event == null) {
            return;
        }
        publisher.send(event).whenComplete((ok, failure) -> {
            if (failure == null) {
                sent.increment();
                pending.madeDurable();
            } else {
                spill(pending);
            }
        });
    }

    /** The event's record, or null when its data cannot be written as JSON (a defect of the emitting code): dropped. */
    private OutboxEvent writtenOrDropped(Pending pending) {
        try {
            return pending.event();
        } catch (IllegalArgumentException e) {
            dropped.increment();
            LOG.errorf("Event %s of type %s lost: %s", pending.id, pending.type, e.getMessage());
            pending.lost(e);
            return null;
        }
    }

    private void spill(Pending pending) {
        if (spillCount.incrementAndGet() > config.spillBufferSize()) {
            spillCount.decrementAndGet();
            dropped.increment();
            LOG.errorf("Event %s of type %s lost: Kafka and the outbox are both unavailable and the spill buffer is full",
                    pending.id, pending.type);
            pending.lost(new IllegalStateException("neither Kafka nor the outbox took the event"));
            return;
        }
        spills.add(pending);
        flush();
    }

    /**
     * Writes the spilled events to the outbox, a batch per round trip; spills that arrive meanwhile make the
     * next batch. What fails stays queued for the next spill.
     */
    private void flush() {
        if (!flushing.compareAndSet(false, true)) {
            return;
        }
        List<Pending> batch = new ArrayList<>();
        List<Tuple> rows = new ArrayList<>();
        Pending next;
        while (batch.size() < config.spillBatchSize() && (next = spills.poll()) != null) {
            OutboxEvent e = writtenOrDropped(next);
            if (e == null) {
                spillCount.decrementAndGet();
                continue;
            }
            batch.add(next);
            rows.add(Tuple.tuple().addValue(e.id()).addValue(e.topic()).addValue(e.recordKey()).addValue(e.type()).addValue(e.subject())
                    .addValue(e.tenantId()).addValue(e.data()).addValue(e.traceparent()).addValue(e.createdAt()));
        }
        if (batch.isEmpty()) {
            flushing.set(false);
            return;
        }
        pool.preparedQuery(SPILL).executeBatch(rows).subscribe().with(done -> {
            spillCount.addAndGet(-batch.size());
            spilled.increment(batch.size());
            batch.forEach(Pending::madeDurable);
            flushing.set(false);
            if (!spills.isEmpty()) {
                flush();
            }
        }, failure -> {
            LOG.warnf("Could not spill %d events to the outbox, will retry: %s", batch.size(), failure.getMessage());
            spills.addAll(batch);
            flushing.set(false);
        });
    }

    private String toJson(String type, Object data) {
        try {
            return json.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("The data of event " + type + " cannot be written as JSON", e);
        }
    }
}
