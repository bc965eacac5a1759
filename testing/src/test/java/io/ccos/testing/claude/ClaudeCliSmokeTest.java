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
        String marker = "ccos-smoke-" + UUID.randomUUID();
        String finalAnswer = "The command printed " + marker + ".";
        try (ScriptedModelServer model = ScriptedModelServer.start(List.of(
                ScriptedReply.toolUse("Bash", Map.of("command", "echo " + marker, "description", "Print the marker")),
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
            assertTrue(loop.get(1).path("messages").toString().contains(marker + "\\n")
                            || loop.get(1).path("messages").toString().contains(marker),
                    () -> "tool_result missing from " + loop.get(1).path("messages"));
            assertTrue(loop.get(1).path("messages").toString().contains("tool_result"));
            // And the CLI kept a transcript of the session.
            List<Path> transcripts = cli.transcripts();
            assertEquals(1, transcripts.size(), () -> "transcripts: " + transcripts);
            assertTrue(Files.readString(transcripts.get(0)).contains(marker));
        }
    }
}
