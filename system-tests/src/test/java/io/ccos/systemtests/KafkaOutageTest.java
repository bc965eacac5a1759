package io.ccos.systemtests;

import static io.ccos.systemtests.SuiteControl.awaitAllReady;
import static io.ccos.systemtests.SuiteControl.suite;
import static io.ccos.testing.http.Api.as;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.ccos.contracts.security.Roles;
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

    @AfterEach
    void restore() throws Exception {
        suite("up", "kafka");
        awaitAllReady();
    }
}
