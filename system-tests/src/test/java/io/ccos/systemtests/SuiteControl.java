package io.ccos.systemtests;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ccos.testing.stack.Stack;
import io.restassured.RestAssured;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Outage tests take parts of the stack away with the project's own ./suite and put them back. */
final class SuiteControl {

    static final List<String> SERVICES = Stack.services().stream().map(Stack.Service::name).toList();
    private static final Duration SUITE_TIMEOUT = Duration.ofSeconds(180);

    private SuiteControl() {
    }

    /** Runs ./suite ARGS (argv, no shell) with a timeout; its output goes to .ccos/logs/system-tests-suite.log. */
    static void suite(String... args) throws Exception {
        Path root = Stack.repositoryRoot();
        List<String> command = new ArrayList<>(List.of(root.resolve("suite").toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(root.resolve(".ccos/logs/system-tests-suite.log").toFile()))
                .start();
        if (!process.waitFor(SUITE_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("./suite " + String.join(" ", args) + " did not finish in " + SUITE_TIMEOUT);
        }
        assertEquals(0, process.exitValue(), "./suite " + String.join(" ", args) + " failed; see .ccos/logs/system-tests-suite.log");
    }

    /** PID of a service started by ./suite. */
    static long pidOf(String service) throws Exception {
        return Long.parseLong(Files.readString(Stack.repositoryRoot().resolve(".ccos/run/" + service + ".pid")).strip());
    }

    static void awaitAllReady() {
        for (String service : SERVICES) {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                    RestAssured.given().get(Stack.serviceUrl(service) + "/q/health/ready").then().statusCode(200));
        }
    }
}
