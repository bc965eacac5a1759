package io.ccos.systemtests;

import static io.ccos.systemtests.SuiteControl.awaitAllReady;
import static io.ccos.systemtests.SuiteControl.pidOf;
import static io.ccos.systemtests.SuiteControl.suite;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ccos.testing.stack.Stack;
import io.restassured.RestAssured;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Readiness really checks PostgreSQL: when it stops, session-service (the running process, not restarted)
 * turns DOWN; when it comes back, READY returns by itself. Runs last: it takes the database away.
 */
@Order(Integer.MAX_VALUE)
class DatabaseOutageTest {

    private static final String DATABASE_CHECK = "Database connections health check";
    private final String readiness = Stack.serviceUrl("session-service") + "/q/health/ready";

    @Test
    void readinessFollowsPostgresWithoutRestartingTheService() throws Exception {
        long pid = pidOf("session-service");
        suite("down", "postgres");

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                RestAssured.given().get(readiness).then().statusCode(503)
                        .body("status", equalTo("DOWN"))
                        .body("checks.find { it.name == '" + DATABASE_CHECK + "' }.status", equalTo("DOWN")));

        suite("up", "postgres");

        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                RestAssured.given().get(readiness).then().statusCode(200)
                        .body("status", equalTo("UP"))
                        .body("checks.find { it.name == '" + DATABASE_CHECK + "' }.status", equalTo("UP")));
        assertEquals(pid, pidOf("session-service"), "session-service was restarted");
    }

    /** Whatever happened, leave PostgreSQL running and every service ready for whoever comes next. */
    @AfterEach
    void restore() throws Exception {
        suite("up", "postgres");
        awaitAllReady();
    }
}
