package io.ccos.systemtests.hooks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ccos.contracts.events.EventTypes;
import io.ccos.contracts.events.Topics;
import io.ccos.testing.auth.TestUser;
import io.ccos.testing.kafka.TopicReader;
import io.ccos.testing.kafka.TopicWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The event-driven path: a tool call on ccos.tool.calls (as mcp-gateway publishes it) runs the tenant's
 * PostToolUse hooks in hook-service on the call's arguments, and their outcome is published like any decision.
 */
class ToolCallHooksTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aToolCallRunsTheTenantsPostToolUseHooksOnItsArguments() throws Exception {
        String marker = UUID.randomUUID().toString().substring(0, 8);
        HookFixtures.storeRegistry("""
                {"hooks": {
                  "PreToolUse": [{"matcher": "Bash", "hooks": [{"type": "rule", "decision": "deny", "reason": "marker %1$s"}]}],
                  "PostToolUse": [{"matcher": "mcp__github__.*", "hooks": [{"type": "rule", "id": "private-repo",
                    "when": "tool_input.repo == 'globex/private'", "decision": "block", "reason": "private repository touched (%1$s)"}]}]}}"""
                .formatted(marker));
        HookFixtures.awaitApplied(marker);

        String touching = "call-" + UUID.randomUUID();
        String harmless = "call-" + UUID.randomUUID();
        Instant before = Instant.now();
        try (TopicWriter gateway = new TopicWriter("mcp-gateway"); TopicReader decisions = TopicReader.since(Topics.HOOK_DECISIONS, before)) {
            gateway.send(Topics.TOOL_CALLS, EventTypes.TOOL_CALLED, TestUser.GLOBEX, touching, call(touching, "globex/private"));
            gateway.send(Topics.TOOL_CALLS, EventTypes.TOOL_CALLED, TestUser.GLOBEX, harmless, call(harmless, "globex/public"));

            List<JsonNode> decided = decisions.awaitAll(r -> r.value().contains(touching) || r.value().contains(harmless), 2,
                    Duration.ofSeconds(60)).stream().map(r -> read(r.value())).toList();
            JsonNode blocked = decided.stream().filter(d -> d.path("toolUseId").asText().equals(touching)).findFirst().orElseThrow();
            assertEquals("PostToolUse", blocked.path("event").asText());
            assertEquals("mcp__github__create_issue", blocked.path("toolName").asText());
            assertEquals("block", blocked.path("outcome").asText());
            assertEquals("private repository touched (" + marker + ")", blocked.path("reason").asText());
            assertEquals("globex-developer", blocked.path("user").asText());
            JsonNode passed = decided.stream().filter(d -> d.path("toolUseId").asText().equals(harmless)).findFirst().orElseThrow();
            assertEquals("none", passed.path("outcome").asText(), "the rule's condition reads the call's arguments");
        }
    }

    /** A contracts.tools.ToolCalled as mcp-gateway writes it (hook-service reads it back as that record). */
    private static String call(String callId, String repo) throws Exception {
        Map<String, Object> call = new java.util.LinkedHashMap<>();
        call.put("callId", callId);
        call.put("user", "globex-developer");
        call.put("sessionId", "session-" + callId);
        call.put("server", "github");
        call.put("tool", "create_issue");
        call.put("arguments", Map.of("repo", repo, "title", "probe"));
        call.put("outcome", "ok");
        call.put("result", Map.of("content", List.of(Map.of("type", "text", "text", "created"))));
        call.put("error", null);
        call.put("durationMicros", 1200);
        call.put("calledAt", Instant.now().toString());
        return JSON.writeValueAsString(call);
    }

    private static JsonNode read(String value) {
        try {
            return JSON.readTree(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
