package io.ccos.systemtests.gateway;

import static io.ccos.systemtests.gateway.GatewayFixtures.JSON;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.ccos.contracts.events.Topics;
import io.ccos.systemtests.hooks.HookFixtures;
import io.ccos.testing.anthropic.ScriptedModelServer;
import io.ccos.testing.anthropic.ScriptedReply;
import io.ccos.testing.claude.ClaudeCli;
import io.ccos.testing.kafka.TopicReader;
import io.ccos.testing.mcp.EverythingServer;
import io.ccos.testing.stack.Stack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Claude Code CLI (2.1.330) with the suite's mcp-gateway as an http MCP server (a developer's bearer
 * token in its headers), in front of server-everything over stdio. The scripted model calls the tool twice;
 * the tenant's policy denies the second call on its arguments.
 */
class ClaudeCodeThroughGatewayTest {

    @TempDir
    Path scratch;

    @Test
    void claudeCodeGetsTheToolsResultAndThePolicysReasonAndTheAuditJoinsItsToolUseIds() throws Exception {
        String marker = UUID.randomUUID().toString().substring(0, 8);
        String server = "cc-" + marker;
        String gateway = Stack.serviceUrl("mcp-gateway");
        String registration = GatewayFixtures.registerStdio(gateway, server, EverythingServer.stdioCommand(marker));
        try {
            callThroughTheGateway(marker, server, gateway);
        } finally {
            GatewayFixtures.remove(gateway, registration);
        }
    }

    private void callThroughTheGateway(String marker, String server, String gateway) throws Exception {
        HookFixtures.storeRegistry("""
                {"hooks": {"PreToolUse": [{"matcher": "mcp__%s__echo", "hooks": [{"type": "rule", "id": "no-forbidden",
                  "when": "tool_input.message.contains('forbidden')", "decision": "deny", "reason": "Forbidden words stay out (%s)"}]}]}}"""
                .formatted(server, marker));
        String endpoint = gateway + "/servers/" + server + "/mcp";
        String token = GatewayFixtures.developerToken();
        String session = GatewayFixtures.initialize(endpoint, token);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertTrue(GatewayFixtures.json(GatewayFixtures.post(endpoint, token, session,
                GatewayFixtures.request(2, "tools/call", Map.of("name", "echo", "arguments", Map.of("message", "forbidden")))))
                .path("result").path("isError").asBoolean(), "the registry is applied by the gateway"));

        Path mcpConfig = scratch.resolve("mcp.json");
        Files.writeString(mcpConfig, JSON.writeValueAsString(Map.of("mcpServers", Map.of("gw", Map.of(
                "type", "http", "url", endpoint, "headers", Map.of("Authorization", "Bearer " + token))))));
        try (TopicReader calls = new TopicReader(Topics.TOOL_CALLS);
                ScriptedModelServer model = ScriptedModelServer.start(List.of(
                        ScriptedReply.toolUse("mcp__gw__echo", Map.of("message", "hello " + marker)),
                        ScriptedReply.toolUse("mcp__gw__echo", Map.of("message", "forbidden " + marker)),
                        ScriptedReply.text("Done " + marker)))) {
            ClaudeCli.Result result = ClaudeCli.against(model.baseUrl(), scratch).print("Echo twice", Duration.ofSeconds(180),
                    "--mcp-config", mcpConfig.toString(), "--strict-mcp-config", "--allowedTools", "mcp__gw__echo",
                    "--model", ScriptedModelServer.MODEL);

            assertEquals(0, result.exitCode(), () -> "stderr: " + result.stderr() + "\nresult: " + result.json());
            List<JsonNode> loop = model.agentLoopRequests();
            assertEquals(3, loop.size(), () -> "agent loop requests: " + loop);
            assertTrue(toolResult(loop.get(1)).path("content").toString().contains("Echo: hello " + marker),
                    () -> "the upstream's result reached the model: " + toolResult(loop.get(1)));
            assertTrue(toolResult(loop.get(2)).path("content").toString().contains("Forbidden words stay out (" + marker + ")"),
                    () -> "the policy's reason reached the model: " + toolResult(loop.get(2)));

            List<String> toolUseIds = List.of(toolResult(loop.get(1)).path("tool_use_id").asText(), toolResult(loop.get(2)).path("tool_use_id").asText());
            Map<String, String> outcomes = new HashMap<>();
            for (var record : calls.awaitAll(r -> toolUseIds.stream().anyMatch(id -> r.value().contains("\"callId\":\"" + id + "\"")), 2,
                    Duration.ofSeconds(30))) {
                JsonNode call = JSON.readTree(record.value());
                outcomes.put(call.path("callId").asText(), call.path("outcome").asText());
            }
            assertEquals(Map.of(toolUseIds.get(0), "ok", toolUseIds.get(1), "denied"), outcomes,
                    "each call is audited under the tool_use_id of Claude Code's transcript");
        }
    }

    /** The tool_result block of the request that carries it (the last message's). */
    private static JsonNode toolResult(JsonNode request) {
        JsonNode messages = request.path("messages");
        List<JsonNode> results = new ArrayList<>();
        messages.get(messages.size() - 1).path("content").forEach(block -> {
            if ("tool_result".equals(block.path("type").asText())) {
                results.add(block);
            }
        });
        return results.isEmpty() ? JSON.createObjectNode() : results.getFirst();
    }
}
