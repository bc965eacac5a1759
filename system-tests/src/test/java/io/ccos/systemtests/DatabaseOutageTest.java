package io.ccos.systemtests;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ccos.testing.stack.Stack;
import io.restassured.RestAssured;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Readiness really checks PostgreSQL: when it stops, session-service (the running process, not restarted)
 * turns DOWN; when it comes back, READY returns by itself. Runs last: it takes the database away.
 */
@Order(Integer.MAX_VALUE)
class DatabaseOutageTest {

    private static final Duration SUITE_TIMEOUT = Duration.ofSeconds(120);
    private final String readiness = Stack.serviceUrl("session-service") + "/q/health/ready";

    @Test
    void readinessFollowsPostgresWithoutRestartingTheService() throws Exception {
        long pid = servicePid();
        suite("down", "postgres");

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                RestAssured.given().get(readiness).then().statusCode(503)
                        .body("status", equalTo("DOWN"))
                        .body("checks.find { it.name == 'Database connections health check' }.status", equalTo("DOWN")));

        suite("up", "postgres");

        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                RestAssured.given().get(readiness).then().statusCode(200)
                        .body("status", equalTo("UP"))
                        .body("checks.name", hasItem("Database connections health check")));
        assertEquals(pid, servicePid(), "session-service was restarted");
    }

    /** Whatever happened, leave PostgreSQL running and every service ready for whoever comes next. */
    @AfterEach
    void restorePostgres() throws Exception {
        suite("up", "postgres");
        for (String service : List.of("config-service", "session-service", "hook-service", "mcp-gateway", "agent-service")) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                    RestAssured.given().get(Stack.serviceUrl(service) + "/q/health/ready").then().statusCode(200));
        }
    }

    private static long servicePid() throws IOException {
        return Long.parseLong(Files.readString(Stack.repositoryRoot().resolve(".ccos/run/session-service.pid")).strip());
    }

    /** Runs the project's own ./suite (argv, no shell) with a timeout. */
    private static void suite(String... args) throws Exception {
        Path root = Stack.repositoryRoot();
        List<String> command = new ArrayList<>(List.of(root.resolve("suite").toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(root.resolve(".ccos/logs/system-tests-suite.log").toFile())).start();
        if (!process.waitFor(SUITE_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("./suite " + String.join(" ", args) + " did not finish in " + SUITE_TIMEOUT);
        }
        assertEquals(0, process.exitValue(), "./suite " + String.join(" ", args) + " failed; see .ccos/logs/system-tests-suite.log");
    }
}
