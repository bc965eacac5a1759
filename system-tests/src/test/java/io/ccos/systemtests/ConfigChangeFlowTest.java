package io.ccos.systemtests;

import static io.ccos.testing.http.Api.as;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.ccos.contracts.events.Topics;
import io.ccos.contracts.security.Roles;
import io.ccos.testing.auth.TestUser;
import io.ccos.testing.kafka.TopicReader;
import io.ccos.testing.stack.Stack;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * One change crosses the suite: a tenant admin writes settings in config-service (a running process), the
 * CloudEvent goes through the real broker, and hook-service (another running process) applies it. The
 * trace started by the caller's traceparent is the trace of the Kafka record and of hook-service's consumer
 * span.
 */
@Order(1)
class ConfigChangeFlowTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Test
    void settingsChangeReachesHookServiceWithCloudEventAttributesAndTheCallersTrace() {
        String traceId = HexFormat.of().formatHex(RANDOM.generateSeed(16));
        String callerSpan = HexFormat.of().formatHex(RANDOM.generateSeed(8));
        String name = "flow-" + UUID.randomUUID().toString().substring(0, 8);

        try (TopicReader reader = new TopicReader(Topics.CONFIG_CHANGED)) {
            String documentId = as(TestUser.ACME, Roles.TENANT_ADMIN)
                    .baseUri(Stack.serviceUrl("config-service"))
                    .header("traceparent", "00-" + traceId + "-" + callerSpan + "-00")
                    .body(Map.of("permissions", Map.of("deny", java.util.List.of("Bash(curl:*)"))))
                    .put("/api/v1/settings/managed/" + name)
                    .then().statusCode(200).extract().path("id");

            ConsumerRecord<String, String> record = reader.await(r -> ("acme/" + documentId).equals(r.key()), Duration.ofSeconds(30))
                    .orElseThrow(() -> new AssertionError("config-service published nothing for " + documentId));
            assertEquals("io.ccos.config.changed", header(record, "ce_type"));
            assertEquals("/ccos/config-service", header(record, "ce_source"));
            assertEquals("acme", header(record, "ce_tenant"));
            assertEquals(traceId, header(record, "traceparent").split("-")[1], "the record carries the caller's trace");
            String eventId = header(record, "ce_id");

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as(TestUser.ACME, Roles.AUDITOR)
                    .baseUri(Stack.serviceUrl("hook-service"))
                    .get("/api/v1/known-config/" + documentId)
                    .then().statusCode(200)
                    .body("version", equalTo(1))
                    .body("eventId", equalTo(eventId))
                    .body("traceId", equalTo(traceId)));
        }
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        assertNotNull(header, () -> "header " + name + " missing: " + record.headers());
        return new String(header.value(), StandardCharsets.UTF_8);
    }
}
