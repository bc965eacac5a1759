package io.ccos.systemtests;

import static io.ccos.systemtests.SuiteControl.awaitAllReady;
import static io.ccos.systemtests.SuiteControl.pidOf;
import static io.ccos.systemtests.SuiteControl.suite;
import static io.ccos.testing.http.Api.as;
import static io.ccos.testing.http.Api.assertProblem;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ccos.contracts.problem.ProblemType;
import io.ccos.contracts.security.Roles;
import io.ccos.testing.auth.TestUser;
import io.ccos.testing.stack.Stack;
import io.restassured.RestAssured;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Readiness really checks PostgreSQL: when it stops, session-service (the running process, not restarted)
 * turns DOWN; when it comes back, READY returns by itself. Runs last: it takes the database away.
 */
@Order(Integer.MAX_VALUE)
class DatabaseOutageTest {

    private static final String DATABASE_CHECK = "Reactive PostgreSQL connections health check";
    private final String readiness = Stack.serviceUrl("session-service") + "/q/health/ready";

    @Test
    void readinessFollowsPostgresWithoutRestartingTheService() throws Exception {
        long pid = pidOf("session-service");
        suite("down", "postgres");

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                RestAssured.given().get(readiness).then().statusCode(503)
                        .body("status", equalTo("DOWN"))
                        .body("checks.find { it.name == '" + DATABASE_CHECK + "' }.status", equalTo("DOWN")));
        // Meanwhile, a request needing the database is told so, as a problem, not as a 500 with a stack trace.
        assertProblem(as(TestUser.ACME, Roles.AUDITOR).baseUri(Stack.serviceUrl("session-service"))
                .get("/api/v1/sessions/" + UUID.randomUUID()).then(), ProblemType.UNAVAILABLE);

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
