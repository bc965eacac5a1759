package io.ccos.systemtests.hooks;

import static io.ccos.testing.http.Api.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ccos.contracts.events.Topics;
import io.ccos.contracts.security.Roles;
import io.ccos.testing.anthropic.ScriptedModelServer;
import io.ccos.testing.anthropic.ScriptedReply;
import io.ccos.testing.auth.TestUser;
import io.ccos.testing.claude.ClaudeCli;
import io.ccos.testing.kafka.TopicReader;
import io.ccos.testing.stack.Stack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Claude Code CLI (2.1.330) with http hooks pointing at the running hook-service and a hook key of
 * a developer of the tenant globex in its environment (acme's registry belongs to the hostile-input corpus). The scripted
 * model asks for tool calls; hook-service's decisions are what Claude Code obeys.
 */
class ClaudeCodeHooksTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> EVENTS = List.of("PreToolUse", "UserPromptSubmit", "Stop", "SessionEnd");

    @TempDir
    Path scratch;

    @Test
    void claudeCodeObeysTheTenantsRegistryAndEveryDecisionIsAudited() throws Exception {
        String marker = UUID.randomUUID().toString().substring(0, 8);
        String context = "Policy context " + marker;
        HookFixtures.storeRegistry("""
                {"hooks": {
                  "PreToolUse": [{"matcher": "Bash", "hooks": [
                    {"type": "rule", "id": "no-force-push", "if": "Bash(git push *)", "when": "tool_input.command.contains('--force')",
                     "decision": "deny", "reason": "Force pushes are not allowed (%s)"},
                    {"type": "command", "id": "crashing-guard", "if": "Bash(touch *)", "command": ["/bin/false"]}]}],
                  "UserPromptSubmit": [{"hooks": [{"type": "rule", "additionalContext": "%s"}]}]}}""".formatted(marker, context));
        HookFixtures.awaitApplied(marker);

        Path crashMarker = scratch.resolve("project/crash-" + marker);
        String echo = "echo " + marker + "-$((6*7))";
        try (TopicReader audit = new TopicReader(Topics.AUDIT);
                ScriptedModelServer model = ScriptedModelServer.start(List.of(
                        ScriptedReply.toolUse("Bash", Map.of("command", "git push --force origin main", "description", "Force push")),
                        ScriptedReply.toolUse("Bash", Map.of("command", "touch " + crashMarker, "description", "Touch a file")),
                        ScriptedReply.toolUse("Bash", Map.of("command", echo, "description", "Print the marker")),
                        ScriptedReply.text("Done " + marker)))) {
            ClaudeCli cli = ClaudeCli.against(model.baseUrl(), scratch)
                    .userSettings(hooksAt(Stack.serviceUrl("hook-service")))
                    .withEnv("CCOS_HOOK_KEY", HookFixtures.createKey(TestUser.GLOBEX, Roles.DEVELOPER, "claude-code " + marker));

            ClaudeCli.Result result = cli.print("Push, touch, then print the marker", Duration.ofSeconds(180),
                    "--allowedTools", "Bash", "--model", ScriptedModelServer.MODEL);

            assertEquals(0, result.exitCode(), () -> "stderr: " + result.stderr());
            List<String> denied = new ArrayList<>();
            result.json().path("permission_denials").forEach(d -> denied.add(d.path("tool_input").path("command").asText()));
            assertEquals(List.of("git push --force origin main", "touch " + crashMarker), denied, () -> "result: " + result.json());
            assertFalse(Files.exists(crashMarker), "the command hook crashed: its fail mode (closed) denied the call");

            List<JsonNode> loop = model.agentLoopRequests();
            assertEquals(4, loop.size(), () -> "agent loop requests: " + loop);
            assertTrue(loop.get(0).toString().contains(context), "UserPromptSubmit's additionalContext reached the model");
            assertTrue(toolResults(loop.get(1)).contains("Force pushes are not allowed (" + marker + ")"), () -> toolResults(loop.get(1)));
            assertTrue(toolResults(loop.get(2)).contains("crashing-guard"), () -> "the deny names the failed hook: " + toolResults(loop.get(2)));
            assertTrue(toolResults(loop.get(3)).contains(marker + "-42"), () -> "the other command ran: " + toolResults(loop.get(3)));

            // One audit record per hook call: the prompt, three tool calls, Stop and SessionEnd (partitions
            // interleave them, so all are collected before they are looked at).
            String session = result.json().path("session_id").asText();
            List<JsonNode> records = new ArrayList<>();
            for (var record : audit.awaitAll(r -> r.value().contains("\"sessionId\":\"" + session + "\""), 6, Duration.ofSeconds(30))) {
                records.add(JSON.readTree(record.value()));
            }
            assertEquals(List.of("PreToolUse", "PreToolUse", "PreToolUse", "SessionEnd", "Stop", "UserPromptSubmit"),
                    records.stream().map(r -> r.path("details").path("event").asText()).sorted().toList(), () -> "audit: " + records);
            for (JsonNode record : records) {
                assertEquals("hook.decide", record.path("action").asText());
                assertEquals("globex-developer", record.path("actor").asText());
            }
            assertEquals(List.of("allow-or-none", "deny", "deny"), records.stream()
                    .filter(r -> r.path("details").path("event").asText().equals("PreToolUse"))
                    .map(r -> r.path("outcome").asText().equals("deny") ? "deny" : "allow-or-none").sorted().toList());
        }
    }

    @Test
    void anUnreachableHookServerBlocksTheToolWithOnFailureBlock() throws Exception {
        Path touched = scratch.resolve("project/unguarded-" + UUID.randomUUID());
        try (ScriptedModelServer model = ScriptedModelServer.start(List.of(
                ScriptedReply.toolUse("Bash", Map.of("command", "touch " + touched, "description", "Touch a file")),
                ScriptedReply.text("Done")))) {
            // A port nothing listens on stands for hook-service stopped: Claude Code cannot connect either way.
            ClaudeCli cli = ClaudeCli.against(model.baseUrl(), scratch)
                    .userSettings(hooksAt("http://127.0.0.1:" + Stack.freePort()))
                    .withEnv("CCOS_HOOK_KEY", "unused");

            ClaudeCli.Result result = cli.print("Touch the file", Duration.ofSeconds(180),
                    "--allowedTools", "Bash", "--model", ScriptedModelServer.MODEL);

            assertEquals(0, result.exitCode(), () -> "stderr: " + result.stderr());
            assertFalse(Files.exists(touched), () -> "the tool ran although its PreToolUse hook could not be reached: " + result.json());
        }
    }

    /** User settings pointing Claude Code's hooks at a hook server, as config-service will render them. */
    static String hooksAt(String baseUrl) throws Exception {
        Map<String, Object> hooks = new java.util.LinkedHashMap<>();
        for (String event : EVENTS) {
            Map<String, Object> http = new java.util.LinkedHashMap<>();
            http.put("type", "http");
            http.put("url", baseUrl + "/api/v1/hooks/" + event);
            http.put("headers", Map.of("Authorization", "Bearer $CCOS_HOOK_KEY"));
            http.put("allowedEnvVars", List.of("CCOS_HOOK_KEY"));
            http.put("timeout", 15);
            if (event.equals("PreToolUse")) {
                http.put("onFailure", "block");
            }
            hooks.put(event, List.of(Map.of("hooks", List.of(http))));
        }
        return JSON.writeValueAsString(Map.of("hooks", hooks));
    }


    private static String toolResults(JsonNode request) {
        StringBuilder results = new StringBuilder();
        JsonNode messages = request.path("messages");
        JsonNode last = messages.get(messages.size() - 1);
        for (JsonNode block : last.path("content")) {
            if ("tool_result".equals(block.path("type").asText())) {
                results.append(block.path("content").toString());
            }
        }
        return results.toString();
    }
}
