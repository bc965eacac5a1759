package io.ccos.config.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ccos.contracts.events.Topics;
import io.ccos.platform.events.DirectEvents;
import io.ccos.platform.tenancy.CallerTenant;
import io.ccos.platform.tenancy.UnitOfWork;
import io.ccos.testing.kafka.TopicReader;
import io.ccos.testing.stack.IsolatedService;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * High-volume events go straight to Kafka; what the in-memory buffer cannot hold spills to the outbox and is
 * published from there. With a buffer of one event, a burst takes both ways, and every event arrives once.
 */
@QuarkusTest
@WithTestResource(IsolatedService.class)
@TestProfile(DirectEventsTest.TinyBuffer.class)
class DirectEventsTest {

    public static class TinyBuffer implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("ccos.events.direct.buffer-size", "1");
        }
    }

    @Inject
    DirectEvents events;

    @Inject
    CallerTenant tenant;

    @Inject
    Vertx vertx;

    @Inject
    MeterRegistry metrics;

    @Test
    void aBurstReachesTheTopicDirectlyOrThroughTheOutboxAndNothingIsLost() throws Exception {
        int burst = 200;
        String subject = "direct-" + UUID.randomUUID().toString().substring(0, 8);
        try (TopicReader reader = new TopicReader(Topics.AUDIT)) {
            Set<String> ids = UnitOfWork.run(vertx, () -> {
                tenant.actAs("acme");
                Set<String> emitted = new HashSet<>();
                for (int i = 0; i < burst; i++) {
                    emitted.add(events.emit(Topics.AUDIT, "io.ccos.test.audited", subject, Map.of("n", i)).toString());
                }
                return Uni.createFrom().item(emitted);
            }).await().atMost(Duration.ofSeconds(30));

            List<ConsumerRecord<String, String>> received = reader.awaitAll(r -> ("acme/" + subject).equals(r.key()), burst, Duration.ofSeconds(60));
            Set<String> receivedIds = new HashSet<>();
            for (ConsumerRecord<String, String> record : received) {
                receivedIds.add(new String(record.headers().lastHeader("ce_id").value(), StandardCharsets.UTF_8));
                assertEquals("acme", new String(record.headers().lastHeader("ce_tenant").value(), StandardCharsets.UTF_8));
            }
            assertEquals(ids, receivedIds, "every emitted event arrives, once");
        }
        assertTrue(metrics.counter("ccos.events.direct.spilled").count() > 0, "some of the burst went through the outbox");
        assertTrue(metrics.counter("ccos.events.direct.sent").count() > 0, "some of the burst went straight to Kafka");
    }
}
