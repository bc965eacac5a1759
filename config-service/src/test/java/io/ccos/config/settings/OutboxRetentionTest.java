package io.ccos.config.settings;

import static io.ccos.testing.http.Api.as;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.ccos.contracts.events.Topics;
import io.ccos.contracts.security.Roles;
import io.ccos.testing.auth.TestUser;
import io.ccos.testing.kafka.TopicReader;
import io.ccos.testing.stack.IsolatedService;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * With a published-retention, the relay marks what it published and keeps the row for inspection
 * (EventTablePruning deletes it later); ConfigChangedEventTest shows the default, where the row goes at once.
 */
@QuarkusTest
@WithTestResource(IsolatedService.class)
@TestProfile(OutboxRetentionTest.KeepPublished.class)
class OutboxRetentionTest {

    public static class KeepPublished implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("ccos.events.outbox.published-retention", "1h");
        }
    }

    @Inject
    Pool pool;

    @Test
    void aPublishedEventStaysInTheOutboxMarkedWithItsPublicationTime() {
        String name = "kept-" + UUID.randomUUID().toString().substring(0, 8);
        try (TopicReader reader = new TopicReader(Topics.CONFIG_CHANGED)) {
            String id = as(TestUser.ACME, Roles.TENANT_ADMIN).body(Map.of("model", "sonnet"))
                    .put("/api/v1/settings/project/" + name).then().statusCode(200).extract().path("id");
            ConsumerRecord<String, String> record = reader.await(r -> ("acme/" + id).equals(r.key()), Duration.ofSeconds(30))
                    .orElseThrow(() -> new AssertionError("no event for document " + id));
            UUID eventId = UUID.fromString(new String(record.headers().lastHeader("ce_id").value(), StandardCharsets.UTF_8));

            // The relay commits the mark after the broker's acknowledgement, so the reader may see the record first.
            await().atMost(Duration.ofSeconds(30)).until(() -> publishedAt(eventId) != null);
            assertNotNull(publishedAt(eventId));
        }
    }

    private Object publishedAt(UUID eventId) {
        RowSet<Row> rows = pool.preparedQuery("select published_at from outbox_event where id = $1")
                .execute(Tuple.of(eventId)).await().atMost(Duration.ofSeconds(10));
        return rows.size() == 0 ? null : rows.iterator().next().getOffsetDateTime(0);
    }
}
