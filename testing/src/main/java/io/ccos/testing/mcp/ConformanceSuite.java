package io.ccos.testing.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ccos.testing.stack.Stack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The MCP conformance suite's server scenarios (pinned in testing/conformance, run by the Node.js 22 installed
 * there) against one URL, and what each scenario's checks said.
 */
public final class ConformanceSuite {

    /** The two pinned releases: 0.1 scores the session-based revisions, 0.2 also the stateless one (2026-07-28). */
    public enum Release {
        V0_1("conformance-0.1"), V0_2("conformance-0.2");

        private final String module;

        Release(String module) {
            this.module = module;
        }
    }

    /**
     * One scenario's outcome.
     *
     * @param failures each failed check as "check-id: message"
     */
    public record Scenario(String name, int passed, int failed, int warnings, List<String> failures) {

        public boolean ok() {
            return failed == 0;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    // server-<scenario>-2026-12-03T17-37-40-464Z
    private static final Pattern RESULT_DIRECTORY = Pattern.compile("server-(.+)-\\d{4}-\\d{2}-\\d{2}T[\\d-]+Z");

    private ConformanceSuite() {
    }

    /** Runs the release's server scenarios against {@code url} with the CLI's {@code options} (e.g. --suite all); 15 min at most. */
    public static Map<String, Scenario> run(Release release, String url, List<String> options) throws IOException, InterruptedException {
        Path root = Stack.repositoryRoot().resolve("testing/conformance");
        Path output = Files.createTempDirectory("ccos-conformance-");
        List<String> argv = new ArrayList<>(List.of(root.resolve("node_modules/.bin/node").toString(),
                root.resolve("node_modules/" + release.module + "/dist/index.js").toString(), "server", "--url", url, "-o", output.toString()));
        argv.addAll(options);
        Path log = Stack.repositoryRoot().resolve(".ccos/logs/conformance-" + System.nanoTime() + ".log");
        Files.createDirectories(log.getParent());
        Process process = new ProcessBuilder(argv).directory(root.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(15, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("the conformance suite did not finish within 15 min: see " + log);
        }
        Map<String, Scenario> scenarios = read(output);
        if (scenarios.isEmpty()) {
            throw new IllegalStateException("the conformance suite ran no scenario (exit " + process.exitValue() + "): see " + log);
        }
        return scenarios;
    }

    private static Map<String, Scenario> read(Path output) throws IOException {
        Map<String, Scenario> scenarios = new TreeMap<>();
        try (Stream<Path> directories = Files.list(output)) {
            for (Path directory : directories.toList()) {
                Matcher name = RESULT_DIRECTORY.matcher(directory.getFileName().toString());
                Path checks = directory.resolve("checks.json");
                if (name.matches() && Files.exists(checks)) {
                    scenarios.put(name.group(1), scenario(name.group(1), JSON.readTree(checks.toFile())));
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return scenarios;
    }

    private static Scenario scenario(String name, JsonNode checks) {
        int passed = 0;
        int warnings = 0;
        List<String> failures = new ArrayList<>();
        for (JsonNode check : checks) {
            switch (check.path("status").asText()) {
                case "SUCCESS" -> passed++;
                case "WARNING" -> warnings++;
                case "FAILURE" -> failures.add(check.path("id").asText() + ": " + check.path("errorMessage").asText());
                default -> { } // INFO, SKIPPED: what the scenario observed, not a verdict
            }
        }
        return new Scenario(name, passed, failures.size(), warnings, List.copyOf(failures));
    }
}
