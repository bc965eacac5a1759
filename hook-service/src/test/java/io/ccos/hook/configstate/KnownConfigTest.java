package io.ccos.hook.configstate;

import static io.ccos.testing.http.Api.anonymous;
import static io.ccos.testing.http.Api.as;
import static io.ccos.testing.http.Api.assertProblem;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.ccos.contracts.events.Topics;
import io.ccos.contracts.problem.ProblemType;
import io.ccos.contracts.security.Roles;
import io.ccos.testing.auth.TestUser;
import io.ccos.testing.kafka.TopicReader;
import io.ccos.testing.stack.Stack;
import io.ccos.testing.stack.IsolatedService;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * hook-service applies config.changed events in their tenant, once per event id, newest version wins.
 * Events are written to the real broker in the wire format config-service uses (CloudEvents, binary mode),
 * so that redeliveries and reordering can be provoked on purpose.
 */
@QuarkusTest
@WithTestResource(IsolatedService.class)
class KnownConfigTest {

    private final KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Stack.kafkaBootstrap(),
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()));
    private final UUID documentId = UUID.randomUUID();

    @AfterEach
    void close() {
        producer.close(Duration.ofSeconds(5));
    }

    @Test
    void withoutTokenIs401AndWithoutRoleIs403() {
        assertProblem(anonymous().get("/api/v1/known-config").then(), ProblemType.UNAUTHENTICATED);
        assertProblem(as(TestUser.ACME, Roles.DEVELOPER).get("/api/v1/known-config").then(), ProblemType.FORBIDDEN);
        as(TestUser.ACME, Roles.AUDITOR).get("/api/v1/known-config").then().statusCode(200);
    }

    @Test
    void appliesEachEventOnceKeepsTheNewestVersionAndStaysInTheTenant() throws Exception {
        String path = "/api/v1/known-config/" + documentId;
        String first = UUID.randomUUID().toString();
        send(first, "acme", 2);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as(TestUser.ACME, Roles.AUDITOR).get(path).then()
                .statusCode(200).body("version", equalTo(2)).body("eventId", equalTo(first)));

        send(first, "acme", 5); // a redelivered event id must not be applied again, whatever it carries
        send(UUID.randomUUID().toString(), "acme", 1); // an older version arriving late must not win
        String marker = UUID.randomUUID().toString();
        send(marker, "acme", 3); // same key, so processed after both of the above
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as(TestUser.ACME, Roles.AUDITOR).get(path).then()
                .statusCode(200).body("version", equalTo(3)).body("eventId", equalTo(marker)));
        assertProblem(as(TestUser.GLOBEX, Roles.AUDITOR).get(path).then(), ProblemType.NOT_FOUND);
    }

    @Test
    void aRecordThatIsNotACcosEventGoesToTheDeadLetterTopicAndConsumptionGoesOn() throws Exception {
        String key = "acme/" + documentId;
        try (TopicReader deadLetters = new TopicReader(Topics.deadLetter("hook-service"))) {
            producer.send(new ProducerRecord<>(Topics.CONFIG_CHANGED, key, "{\"not\": \"a cloud event\"}")).get();

            ConsumerRecord<String, String> dead = deadLetters.await(r -> key.equals(r.key()), Duration.ofSeconds(30))
                    .orElseThrow(() -> new AssertionError("the malformed record did not reach the dead-letter topic"));
            assertNotNull(dead.headers().lastHeader("dead-letter-reason"), () -> "headers: " + dead.headers());
        }
        String next = UUID.randomUUID().toString();
        send(next, "acme", 1);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as(TestUser.ACME, Roles.AUDITOR)
                .get("/api/v1/known-config/" + documentId).then().statusCode(200).body("eventId", equalTo(next)));
    }

    private void send(String eventId, String tenant, long version) throws Exception {
        String data = """
                {"documentId":"%s","scope":"managed","name":"policy","version":%d,"changedBy":"test","changedAt":"%s"}"""
                .formatted(documentId, version, Instant.now());
        ProducerRecord<String, String> record = new ProducerRecord<>(Topics.CONFIG_CHANGED, tenant + "/" + documentId, data);
        Map.of("ce_specversion", "1.0", "ce_id", eventId, "ce_type", "io.ccos.config.changed",
                "ce_source", "/ccos/config-service", "ce_subject", documentId.toString(), "ce_tenant", tenant,
                "content-type", "application/json")
                .forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
        producer.send(record).get();
    }
}
