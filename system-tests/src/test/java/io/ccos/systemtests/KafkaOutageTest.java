package io.ccos.systemtests;

import static io.ccos.systemtests.SuiteControl.awaitAllReady;
import static io.ccos.systemtests.SuiteControl.suite;
import static io.ccos.testing.http.Api.as;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.ccos.contracts.events.Topics;
import io.ccos.contracts.security.Roles;
import io.ccos.systemtests.hooks.HookFixtures;
import io.ccos.testing.kafka.TopicReader;
import io.restassured.http.ContentType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import static org.junit.jupiter.api.Assertions.assertEquals;
import io.ccos.testing.auth.TestUser;
import io.ccos.testing.stack.Stack;
import io.restassured.RestAssured;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * No change is lost when the broker is down: config-service stores it with its event in the outbox, and
 * the event reaches hook-service once Kafka is back, without restarting anything. Meanwhile every service
 * stays ready (Kafka is not part of readiness) and reports the broker down in its dependencies group.
 */
@Order(Integer.MAX_VALUE - 1)
class KafkaOutageTest {

    @Test
    void aChangeMadeWhileKafkaIsDownReachesTheConsumerWhenKafkaReturns() throws Exception {
        suite("down", "kafka");

        for (String service : SuiteControl.SERVICES) {
            String url = Stack.serviceUrl(service);
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                    RestAssured.given().get(url + "/q/health/group/dependencies").then().statusCode(503)
                            .body("checks[0].data.kafka", startsWith("DOWN")));
            RestAssured.given().get(url + "/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        }

        String documentId = as(TestUser.ACME, Roles.TENANT_ADMIN).baseUri(Stack.serviceUrl("config-service"))
                .body(Map.of("model", "opus"))
                .put("/api/v1/settings/user/outage-" + UUID.randomUUID().toString().substring(0, 8))
                .then().statusCode(200).extract().path("id");

        suite("up", "kafka");

        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                as(TestUser.ACME, Roles.AUDITOR).baseUri(Stack.serviceUrl("hook-service"))
                        .get("/api/v1/known-config/" + documentId)
                        .then().statusCode(200).body("version", equalTo(1)));
    }

    /**
     * Hook decisions do not wait for Kafka: with the broker down they are answered from memory, and their
     * audit records (handed to DirectEvents, spilled to the outbox) reach ccos.audit once it is back.
     */
    @Test
    void hookDecisionsAreServedWithKafkaDownAndAuditedWhenItReturns() throws Exception {
        String marker = UUID.randomUUID().toString().substring(0, 8);
        HookFixtures.storeRegistry("""
                {"hooks": {"PreToolUse": [{"matcher": "Bash", "hooks": [{"type": "rule", "if": "Bash(git push *)",
                  "when": "tool_input.command.contains('--force')", "decision": "deny", "reason": "outage %s"}]}]}}""".formatted(marker));
        HookFixtures.awaitApplied(marker);
        String key = HookFixtures.createKey(TestUser.GLOBEX, Roles.DEVELOPER, "outage " + marker);
        Instant before = Instant.now();
        suite("down", "kafka");

        List<String> decisions = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            decisions.add(RestAssured.given().baseUri(Stack.serviceUrl("hook-service")).header("Authorization", "Bearer " + key)
                    .contentType(ContentType.JSON)
                    .body(Map.of("session_id", "outage-" + marker, "tool_name", "Bash", "tool_input", Map.of("command", "git push --force")))
                    .post("/api/v1/hooks/PreToolUse")
                    .then().statusCode(200)
                    .body("hookSpecificOutput.permissionDecision", equalTo("deny"))
                    .body("hookSpecificOutput.permissionDecisionReason", equalTo("outage " + marker))
                    .extract().path("ccos.decisionId"));
        }
        RestAssured.given().get(Stack.serviceUrl("hook-service") + "/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));

        suite("up", "kafka");
        try (TopicReader audit = TopicReader.since(Topics.AUDIT, before)) {
            List<String> delivered = audit.awaitAll(r -> decisions.stream().anyMatch(r.value()::contains), decisions.size(),
                    Duration.ofSeconds(120)).stream().map(r -> decisions.stream().filter(r.value()::contains).findFirst().orElseThrow()).toList();
            assertEquals(decisions.stream().sorted().toList(), delivered.stream().sorted().toList(), "every decision's audit record arrived once");
        }
    }

    /**
     * A tenant with strict audit is answered only once the audit record is acknowledged: with Kafka up as
     * usual, with Kafka down a tool call is denied (fail closed) rather than allowed unaudited, and once Kafka
     * is back decisions are answered as decided again.
     */
    @Test
    void strictAuditDeniesToolCallsWhoseAuditCannotBeAcknowledged() throws Exception {
        String marker = UUID.randomUUID().toString().substring(0, 8);
        HookFixtures.storeRegistry("""
                {"audit": {"strict": true},
                 "hooks": {"PreToolUse": [{"matcher": "Bash", "hooks": [{"type": "rule", "if": "Bash(git push *)",
                  "decision": "deny", "reason": "strict %s"}]}]}}""".formatted(marker));
        HookFixtures.awaitApplied(marker);
        String key = HookFixtures.createKey(TestUser.GLOBEX, Roles.DEVELOPER, "strict " + marker);
        try {
            Instant before = Instant.now();
            String allowed = decideLs(key, marker)
                    .body("hookSpecificOutput", nullValue()).body("ccos.auditError", nullValue())
                    .extract().path("ccos.decisionId");
            try (TopicReader audit = TopicReader.since(Topics.AUDIT, before)) {
                audit.awaitAll(r -> r.value().contains(allowed), 1, Duration.ofSeconds(30));
            }

            suite("down", "kafka");
            decideLs(key, marker)
                    .body("hookSpecificOutput.permissionDecision", equalTo("deny"))
                    .body("hookSpecificOutput.permissionDecisionReason", containsString("strict audit"))
                    .body("ccos.auditError", containsString("not acknowledged"));
            RestAssured.given().get(Stack.serviceUrl("hook-service") + "/q/health/ready").then().statusCode(200);

            suite("up", "kafka");
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                    decideLs(key, marker).body("hookSpecificOutput", nullValue()).body("ccos.auditError", nullValue()));
        } finally { // the next tests of tenant globex expect decisions that do not wait for Kafka
            HookFixtures.storeRegistry("{\"hooks\": {}}");
        }
    }

    private static io.restassured.response.ValidatableResponse decideLs(String key, String marker) {
        return RestAssured.given().baseUri(Stack.serviceUrl("hook-service")).header("Authorization", "Bearer " + key)
                .contentType(ContentType.JSON)
                .body(Map.of("session_id", "strict-" + marker, "tool_name", "Bash", "tool_input", Map.of("command", "ls")))
                .post("/api/v1/hooks/PreToolUse")
                .then().statusCode(200);
    }

    @AfterEach
    void restore() throws Exception {
        suite("up", "kafka");
        awaitAllReady();
    }
}
