package io.ccos.config.settings;

import static io.ccos.testing.http.Api.as;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ccos.contracts.events.Topics;
import io.ccos.contracts.security.Roles;
import io.ccos.testing.auth.TestUser;
import io.ccos.testing.kafka.TopicReader;
import io.ccos.testing.stack.IsolatedService;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

/** A settings change is announced on the real broker as a CloudEvent in binary mode. */
@QuarkusTest
@WithTestResource(IsolatedService.class)
class ConfigChangedEventTest {

    @Inject
    Pool pool;

    @Test
    void aNewVersionIsPublishedAsACloudEventKeyedByTenantAndDocument() throws Exception {
        String name = "event-" + UUID.randomUUID().toString().substring(0, 8);
        try (TopicReader reader = new TopicReader(Topics.CONFIG_CHANGED)) {
            String id = as(TestUser.ACME, Roles.TENANT_ADMIN).body(Map.of("model", "sonnet"))
                    .put("/api/v1/settings/project/" + name).then().statusCode(200).extract().path("id");

            ConsumerRecord<String, String> record = reader.await(r -> ("acme/" + id).equals(r.key()), Duration.ofSeconds(30))
                    .orElseThrow(() -> new AssertionError("no event for document " + id));

            assertEquals("1.0", header(record, "ce_specversion"));
            assertEquals("io.ccos.config.changed", header(record, "ce_type"));
            assertEquals("/ccos/config-service", header(record, "ce_source"));
            assertEquals("acme", header(record, "ce_tenant"));
            assertEquals(id, header(record, "ce_subject"));
            assertNotNull(UUID.fromString(header(record, "ce_id")));
            assertNotNull(header(record, "ce_time"));
            assertTrue(header(record, "traceparent").matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]"));
            JsonNode data = new ObjectMapper().readTree(record.value());
            assertEquals(id, data.path("documentId").asText());
            assertEquals("project", data.path("scope").asText());
            assertEquals(name, data.path("name").asText());
            assertEquals(1, data.path("version").asLong());

            // Published rows are deleted in the relay's transaction (published-retention 0s, the default).
            UUID eventId = UUID.fromString(header(record, "ce_id"));
            await().atMost(Duration.ofSeconds(30)).until(() -> outboxRows(eventId) == 0);
        }
    }

    private long outboxRows(UUID eventId) {
        return pool.preparedQuery("select count(*) from outbox_event where id = $1").execute(Tuple.of(eventId))
                .await().atMost(Duration.ofSeconds(10)).iterator().next().getLong(0);
    }

    /**
     * Writers of one document queue on its row lock, so versions are numbered in commit order; the outbox
     * relays a document's events in that order, pipelined, so consumers see 1, 2, 3... and never 2 before 1.
     */
    @Test
    void concurrentChangesOfOneDocumentArePublishedInVersionOrder() throws Exception {
        String name = "order-" + UUID.randomUUID().toString().substring(0, 8);
        int changes = 20;
        try (TopicReader reader = new TopicReader(Topics.CONFIG_CHANGED)) {
            String id = as(TestUser.ACME, Roles.TENANT_ADMIN).body(Map.of("step", 0))
                    .put("/api/v1/settings/project/" + name).then().statusCode(200).extract().path("id");
            ExecutorService writers = Executors.newFixedThreadPool(4);
            try {
                List<Future<Integer>> writes = new ArrayList<>();
                for (int i = 1; i < changes; i++) {
                    int step = i;
                    writes.add(writers.submit(() -> as(TestUser.ACME, Roles.TENANT_ADMIN).body(Map.of("step", step))
                            .put("/api/v1/settings/project/" + name).then().extract().statusCode()));
                }
                for (Future<Integer> write : writes) {
                    assertEquals(200, write.get(60, TimeUnit.SECONDS));
                }
            } finally {
                writers.shutdownNow();
            }

            List<Long> versions = new ArrayList<>();
            for (ConsumerRecord<String, String> record : reader.awaitAll(r -> ("acme/" + id).equals(r.key()), changes, Duration.ofSeconds(60))) {
                versions.add(new ObjectMapper().readTree(record.value()).path("version").asLong());
            }
            assertEquals(LongStream.rangeClosed(1, changes).boxed().toList(), versions);
        }
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        assertNotNull(header, () -> "header " + name + " missing; headers: " + record.headers());
        return new String(header.value(), StandardCharsets.UTF_8);
    }
}
