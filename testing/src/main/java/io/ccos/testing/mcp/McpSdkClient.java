package io.ccos.testing.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ccos.testing.stack.Stack;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The MCP TypeScript SDK's client (pinned in testing/npm), run by testing/npm/mcp-client.mjs: it connects to
 * a Streamable HTTP endpoint with a bearer token, runs the steps and reports what each answered.
 */
public final class McpSdkClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    private McpSdkClient() {
    }

    /** One step: {@code step("callTool", "name", "echo", "arguments", Map.of(...))}. */
    public static Map<String, Object> step(String op, Object... params) {
        Map<String, Object> step = new java.util.LinkedHashMap<>();
        step.put("op", op);
        for (int i = 0; i + 1 < params.length; i += 2) {
            step.put((String) params[i], params[i + 1]);
        }
        return step;
    }

    /**
     * Connects, runs the steps and answers {@code {protocolVersion, sessionId, serverVersion, capabilities,
     * results: [{ok} | {error, code}], connectError?}}.
     */
    public static JsonNode run(String url, String token, List<Map<String, Object>> steps) throws IOException, InterruptedException {
        return run(url, token, steps, false);
    }

    /**
     * The same, by a client that declares sampling and elicitation and answers them (sampling with "sampled:
     * <the first message's text>", elicitation by accepting {@code {"name": "ccos"}}); the answer also has
     * {@code asked}, the requests it was asked, and {@code logs}, the log messages it got.
     */
    public static JsonNode runAnswering(String url, String token, List<Map<String, Object>> steps) throws IOException, InterruptedException {
        return run(url, token, steps, true);
    }

    private static JsonNode run(String url, String token, List<Map<String, Object>> steps, boolean answering) throws IOException,
            InterruptedException {
        Path npm = Stack.repositoryRoot().resolve("testing/npm");
        ProcessBuilder builder = new ProcessBuilder("node", npm.resolve("mcp-client.mjs").toString(), url, JSON.writeValueAsString(steps))
                .directory(npm.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT);
        if (token != null) {
            builder.environment().put("MCP_TOKEN", token);
        }
        if (answering) {
            builder.environment().put("MCP_CLIENT_ANSWERS", "1");
        }
        Process process = builder.start();
        byte[] output = process.getInputStream().readNBytes(8 * 1024 * 1024);
        if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("the MCP client did not finish within " + TIMEOUT);
        }
        String text = new String(output, StandardCharsets.UTF_8).strip();
        try {
            return JSON.readTree(text.substring(text.lastIndexOf('\n') + 1));
        } catch (IOException e) {
            throw new IllegalStateException("the MCP client printed no result (exit " + process.exitValue() + "): " + text, e);
        }
    }
}
