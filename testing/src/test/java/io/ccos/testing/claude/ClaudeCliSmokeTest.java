package io.ccos.testing.claude;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.ccos.testing.anthropic.ScriptedModelServer;
import io.ccos.testing.anthropic.ScriptedReply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real Claude Code CLI, driven through the scripted model server, really runs the scripted tool call. */
class ClaudeCliSmokeTest {

    @TempDir
    Path scratch;

    @Test
    void realCliRunsAScriptedToolCallAndReportsTheScriptedAnswer() throws Exception {
        String marker = UUID.randomUUID().toString();
        // Only a shell that really ran the command turns this into "<marker>-42": the text differs from the output.
        String command = "echo " + marker + "-$((6*7))";
        String output = marker + "-42";
        String finalAnswer = "The command printed " + output + ".";
        try (ScriptedModelServer model = ScriptedModelServer.start(List.of(
                ScriptedReply.toolUse("Bash", Map.of("command", command, "description", "Print the marker")),
                ScriptedReply.text(finalAnswer)))) {
            ClaudeCli cli = ClaudeCli.against(model.baseUrl(), scratch);

            ClaudeCli.Result result = cli.print("Print the marker with echo", Duration.ofSeconds(120),
                    "--allowedTools", "Bash", "--model", ScriptedModelServer.MODEL);

            assertEquals(0, result.exitCode(), () -> "stderr: " + result.stderr());
            assertFalse(result.isError(), () -> "result: " + result.json());
            assertEquals(finalAnswer, result.text());
            // The second turn of the agent loop carries the tool's real output back to the model.
            List<JsonNode> loop = model.agentLoopRequests();
            assertEquals(2, loop.size(), () -> "agent loop requests: " + loop);
            String toolResults = toolResults(loop.get(1));
            assertTrue(toolResults.contains(output), () -> "the command's output is not in the tool results: " + toolResults);
            // And the CLI kept a transcript of the session.
            List<Path> transcripts = cli.transcripts();
            assertEquals(1, transcripts.size(), () -> "transcripts: " + transcripts);
            assertTrue(Files.readString(transcripts.get(0)).contains(output));
        }
    }

    /** The content of every tool_result block of a request, and nothing else of it. */
    private static String toolResults(JsonNode request) {
        StringBuilder results = new StringBuilder();
        for (JsonNode message : request.path("messages")) {
            for (JsonNode block : message.path("content")) {
                if ("tool_result".equals(block.path("type").asText())) {
                    results.append(block.path("content").toString());
                }
            }
        }
        return results.toString();
    }
}
