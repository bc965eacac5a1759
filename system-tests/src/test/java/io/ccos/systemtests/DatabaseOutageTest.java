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
import io.ccos.systemtests.hooks.HookFixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Readiness really checks PostgreSQL: when it stops, session-service (the running process, not restarted)
 * turns DOWN; when it comes back, READY returns by itself. hook-service, which decides from memory, stays
 * ready and keeps deciding. Runs last: it takes the database away.
 */
@Order(Integer.MAX_VALUE)
class DatabaseOutageTest {

    private static final String DATABASE_CHECK = "Reactive PostgreSQL connections health check";
    private final String readiness = Stack.serviceUrl("session-service") + "/q/health/ready";

    @Test
    void readinessFollowsPostgresWithoutRestartingTheService() throws Exception {
        long pid = pidOf("session-service");
        String marker = UUID.randomUUID().toString().substring(0, 8);
        HookFixtures.storeRegistry("""
                {"hooks": {"PreToolUse": [{"matcher": "Bash", "hooks": [{"type": "rule", "decision": "deny", "reason": "db %s"}]}]}}"""
                .formatted(marker));
        HookFixtures.awaitApplied(marker);
        String key = HookFixtures.createKey(TestUser.GLOBEX, Roles.DEVELOPER, "db outage " + marker);
        suite("down", "postgres");

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                RestAssured.given().get(readiness).then().statusCode(503)
                        .body("status", equalTo("DOWN"))
                        .body("checks.find { it.name == '" + DATABASE_CHECK + "' }.status", equalTo("DOWN")));
        // hook-service needs no database to decide: it stays ready and answers from memory.
        RestAssured.given().get(Stack.serviceUrl("hook-service") + "/q/health/ready").then().statusCode(200);
        RestAssured.given().baseUri(Stack.serviceUrl("hook-service")).header("Authorization", "Bearer " + key)
                .contentType(io.restassured.http.ContentType.JSON)
                .body(java.util.Map.of("session_id", "db-" + marker, "tool_name", "Bash", "tool_input", java.util.Map.of("command", "ls")))
                .post("/api/v1/hooks/PreToolUse")
                .then().statusCode(200).body("hookSpecificOutput.permissionDecisionReason", equalTo("db " + marker));
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
