package io.ccos.hook.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ccos.policy.decision.HookResult;
import io.ccos.policy.decision.PermissionDecision;
import io.ccos.policy.event.HookInput;
import io.ccos.policy.registry.FailMode;
import io.ccos.policy.registry.Hook;
import io.ccos.policy.registry.HookHandler;
import io.quarkus.runtime.configuration.MemorySize;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Command hooks run as real processes, with Claude Code's exit-code contract. */
class CommandHookRunnerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final CommandHookRunner runner = new CommandHookRunner(new Limits(64 * 1024));

    @TempDir
    Path scratch;

    @AfterEach
    void stop() {
        runner.stop();
    }

    record Limits(long stdoutCap) implements CommandHookConfig {
        @Override
        public List<String> allowedDirectories() {
            return List.of("/bin/", "/usr/bin/");
        }

        @Override
        public int maxConcurrent() {
            return 4;
        }

        @Override
        public MemorySize maxStdout() {
            return new MemorySize(BigInteger.valueOf(stdoutCap));
        }

        @Override
        public MemorySize maxStderr() {
            return new MemorySize(BigInteger.valueOf(4096));
        }

        @Override
        public String path() {
            return "/usr/bin:/bin";
        }
    }

    private HookResult run(String event, FailMode failMode, Duration timeout, String... argv) throws Exception {
        ObjectNode json = JSON.createObjectNode().put("session_id", "s1").put("cwd", "/home/dev/p").put("hook_event_name", event)
                .put("tool_name", "Bash");
        json.putObject("tool_input").put("command", "rm -rf build");
        HookHandler.Command command = new HookHandler.Command(List.of(argv), false, Map.of("GREETING", "hello"), null, timeout);
        Hook hook = new Hook("guard", "guard", null, failMode, command);
        return runner.run(hook, command, new HookInput(event, json)).toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private HookResult sh(String event, FailMode failMode, String script) throws Exception {
        return run(event, failMode, Duration.ofSeconds(10), "/bin/sh", "-c", script);
    }

    @Test
    void exitZeroWithJsonIsTheDecisionAndTheInputArrivesOnStdin() throws Exception {
        HookResult result = sh("PreToolUse", FailMode.CLOSED, """
                read input; case "$input" in *'rm -rf build'*) printf '%s' '{"hookSpecificOutput":{"hookEventName":"PreToolUse","permissionDecision":"deny","permissionDecisionReason":"saw rm"}}';; esac""");
        assertNull(result.error());
        assertEquals(PermissionDecision.DENY, result.effect().permission());
        assertEquals("saw rm", result.effect().reason());
    }

    @Test
    void aLargeInputReachesAReaderWholeAndCannotBlockAHookThatNeverReadsIt() throws Exception {
        // Past what a pipe takes without a reader, the input is written by a thread of its own.
        ObjectNode json = JSON.createObjectNode().put("session_id", "s1").put("hook_event_name", "PreToolUse").put("tool_name", "Bash");
        json.putObject("tool_input").put("command", "x".repeat(256 * 1024));
        HookInput large = new HookInput("PreToolUse", json);
        int expected = json.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;

        HookHandler.Command counting = new HookHandler.Command(List.of("/bin/sh", "-c", "wc -c | tr -d ' ' >&2; exit 2"), false, Map.of(), null,
                Duration.ofSeconds(10));
        HookResult counted = runner.run(new Hook("count", "count", null, FailMode.OPEN, counting), counting, large)
                .toCompletableFuture().get(30, TimeUnit.SECONDS);
        assertEquals(String.valueOf(expected), counted.effect().reason(), "every byte of the input arrived");

        HookHandler.Command deaf = new HookHandler.Command(List.of("/bin/sleep", "0.2"), false, Map.of(), null, Duration.ofSeconds(10));
        HookResult ignored = runner.run(new Hook("deaf", "deaf", null, FailMode.CLOSED, deaf), deaf, large)
                .toCompletableFuture().get(30, TimeUnit.SECONDS);
        assertNull(ignored.error(), "a hook that never reads its input still ends as itself: " + ignored.error());
    }

    @Test
    void exitTwoBlocksWithStderrAsTheReason() throws Exception {
        HookResult result = sh("PreToolUse", FailMode.OPEN, "echo 'not on this branch' >&2; exit 2");
        assertEquals(PermissionDecision.DENY, result.effect().permission());
        assertEquals("not on this branch", result.effect().reason());
    }

    @Test
    void anotherExitCodeIsAFailureThatTheFailModeDecides() throws Exception {
        HookResult closed = sh("PreToolUse", FailMode.CLOSED, "echo boom >&2; exit 3");
        assertEquals("exit code 3: boom", closed.error());
        assertTrue(closed.failedClosed());
        assertEquals(PermissionDecision.DENY, closed.effect().permission());
        HookResult open = sh("PreToolUse", FailMode.OPEN, "exit 1");
        assertEquals("exit code 1", open.error());
        assertNull(open.effect().permission());
    }

    @Test
    void plainStdoutIsContextWhereClaudeCodeTakesItAndTheEnvironmentIsClean() throws Exception {
        HookResult result = sh("UserPromptSubmit", FailMode.OPEN, "env | sort");
        String env = result.effect().additionalContext();
        assertTrue(env.contains("GREETING=hello"), env);
        assertTrue(env.contains("CLAUDE_PROJECT_DIR=/home/dev/p"), env);
        assertTrue(env.contains("PATH=/usr/bin:/bin"), env);
        assertFalse(env.contains("JAVA_HOME") || env.contains("CCOS_"), "nothing of the service's environment: " + env);
    }

    @Test
    void aHookPastItsTimeoutIsKilledWithItsChildren() throws Exception {
        Path survivor = scratch.resolve("survivor");
        long started = System.nanoTime();
        HookResult result = run("PreToolUse", FailMode.CLOSED, Duration.ofMillis(500), "/bin/sh", "-c",
                "(sleep 3; touch " + survivor + ") & sleep 30");
        assertEquals("timed out after 0.5 s", result.error());
        assertEquals(PermissionDecision.DENY, result.effect().permission());
        assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(5), "answered at its timeout");
        org.awaitility.Awaitility.await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(6))
                .until(() -> !Files.exists(survivor));
    }

    @Test
    void aHookPrintingPastTheCapIsStoppedAndFails() throws Exception {
        HookResult result = sh("PreToolUse", FailMode.CLOSED, "yes ccos | head -c 100000000");
        assertEquals("printed more than 65536 bytes on stdout", result.error());
        assertTrue(result.nanos() < TimeUnit.SECONDS.toNanos(5), "stopped at the cap, not after 100 MB");
    }

    @Test
    void programsThatCannotRunAreFailuresNamedInTheAnswer() throws Exception {
        String missing = run("PreToolUse", FailMode.CLOSED, Duration.ofSeconds(5), "/bin/ccos-missing-program").error();
        assertTrue(missing.startsWith("cannot run /bin/ccos-missing-program"), missing);
        assertTrue(run("PreToolUse", FailMode.CLOSED, Duration.ofSeconds(5), "/opt/elsewhere/tool").error()
                .contains("outside the directories command hooks may run from"));
        assertTrue(run("PreToolUse", FailMode.CLOSED, Duration.ofSeconds(5), "relative/tool").error()
                .contains("must be an absolute path"));
    }
}
