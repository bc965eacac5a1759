package io.ccos.testing.claude;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ccos.testing.stack.Stack;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs the real Claude Code CLI (npm {@code @anthropic-ai/claude-code}, pinned in testing/npm/package.json and
 * installed by `./suite test`) headless against a model server, in a private HOME so that its settings and
 * transcripts are the test's own. Started as argv without a shell, with a timeout and an output cap.
 */
public final class ClaudeCli {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int OUTPUT_CAP = 4 * 1024 * 1024;

    private final Path executable;
    private final Path home;
    private final Path workDir;
    private final String modelBaseUrl;
    private final Map<String, String> env = new java.util.LinkedHashMap<>();

    private ClaudeCli(Path executable, Path home, Path workDir, String modelBaseUrl) {
        this.executable = executable;
        this.home = home;
        this.workDir = workDir;
        this.modelBaseUrl = modelBaseUrl;
    }

    /** A CLI talking to the given model server, with a fresh HOME and working directory under {@code scratch}. */
    public static ClaudeCli against(String modelBaseUrl, Path scratch) throws IOException {
        Path executable = Stack.repositoryRoot().resolve("testing/npm/node_modules/.bin/claude");
        if (!Files.isExecutable(executable)) {
            throw new IllegalStateException("Claude Code CLI missing at " + executable + "; ./suite test installs it");
        }
        return new ClaudeCli(executable, Files.createDirectories(scratch.resolve("home")),
                Files.createDirectories(scratch.resolve("project")), modelBaseUrl);
    }

    public Path workDir() {
        return workDir;
    }

    /** Writes the user's settings ($HOME/.claude/settings.json): read on every start, trusted or not. */
    public ClaudeCli userSettings(String settingsJson) throws IOException {
        Path settings = home.resolve(".claude/settings.json");
        Files.createDirectories(settings.getParent());
        Files.writeString(settings, settingsJson);
        return this;
    }

    /** An environment variable for the CLI's runs (e.g. the hook key its http hooks send). */
    public ClaudeCli withEnv(String name, String value) {
        env.put(name, value);
        return this;
    }

    /** Transcript files the CLI wrote ($HOME/.claude/projects/<cwd>/<session>.jsonl). */
    public List<Path> transcripts() throws IOException {
        Path projects = home.resolve(".claude/projects");
        if (!Files.isDirectory(projects)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(projects)) {
            return files.filter(p -> p.toString().endsWith(".jsonl")).toList();
        }
    }

    /** Runs {@code claude -p PROMPT --output-format json ARGS...} and returns the parsed result. */
    public Result print(String prompt, Duration timeout, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(executable.toString(), "-p", prompt, "--output-format", "json"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
        Map<String, String> env = builder.environment();
        env.put("HOME", home.toString());
        env.put("ANTHROPIC_BASE_URL", modelBaseUrl);
        env.put("ANTHROPIC_API_KEY", "sk-ant-test-scripted");
        env.put("CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1");
        env.put("DISABLE_AUTOUPDATER", "1");
        env.remove("CLAUDE_CONFIG_DIR");
        env.putAll(this.env);
        Process process = builder.start();
        process.getOutputStream().close();
        CompletableFuture<String> stdout = CompletableFuture.supplyAsync(() -> capped(process.getInputStream()));
        CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> capped(process.getErrorStream()));
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("claude did not finish in " + timeout + "; stderr: " + stderr.getNow(""));
        }
        String out = stdout.join();
        JsonNode json;
        try {
            json = JSON.readTree(out);
        } catch (IOException e) {
            throw new IllegalStateException("claude printed no JSON (exit " + process.exitValue() + "): " + out + "\nstderr: " + stderr.join());
        }
        return new Result(process.exitValue(), json, stderr.join());
    }

    private static String capped(InputStream stream) {
        try (stream) {
            byte[] bytes = stream.readNBytes(OUTPUT_CAP);
            stream.transferTo(java.io.OutputStream.nullOutputStream());
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** Exit code, the JSON result object, and stderr of one run. */
    public record Result(int exitCode, JsonNode json, String stderr) {

        public boolean isError() {
            return json.path("is_error").asBoolean(true);
        }

        public String text() {
            return json.path("result").asText();
        }
    }
}
