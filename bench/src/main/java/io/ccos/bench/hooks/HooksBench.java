package io.ccos.bench.hooks;

import io.ccos.bench.harness.CheckedAnswers;
import io.ccos.bench.harness.Console;
import io.ccos.bench.harness.LoadDriver;
import io.ccos.bench.harness.Measurement;
import io.ccos.bench.harness.Report;
import io.ccos.testing.auth.Tokens;
import io.ccos.testing.stack.Stack;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;

/**
 * `./suite bench hooks` (issue 13): a declarative PreToolUse decision of the running hook-service over HTTP,
 * with authentication and audit on, beside a constant-JSON HTTP server in its own JVM (p50/p99 at a fixed
 * 1,000/s, most decisions/s at 16 connections); a command hook through hook-service beside spawning the same
 * command directly; a bash+jq command hook spawned as Claude Code spawns one ("what a hook costs today");
 * and the time from a registry change in config-service to the first decision made with it.
 */
public final class HooksBench {

    static final int CONNECTIONS = 16;
    private static final String TENANT = "globex";
    private static final String DECIDE = "/api/v1/hooks/PreToolUse";

    private static final java.net.http.HttpClient POLLER = java.net.http.HttpClient.newHttpClient();

    private final Vertx vertx = Vertx.vertx();
    private final boolean quick;
    private final Duration warmUp;
    private final Duration warmUpWindow;
    private final Duration warmUpLimit;
    private final List<String> warmUps = new ArrayList<>();
    private final Duration duration;

    private HooksBench(boolean quick) {
        this.quick = quick;
        this.warmUp = Duration.ofSeconds(quick ? 2 : 10);
        this.warmUpWindow = Duration.ofSeconds(quick ? 1 : 5);
        this.warmUpLimit = Duration.ofSeconds(quick ? 4 : 60);
        this.duration = Duration.ofSeconds(quick ? 3 : 20);
    }

    public static void run(Path root, boolean quick, Report report) throws Exception {
        HooksBench bench = new HooksBench(quick);
        try {
            bench.measure(report);
        } finally {
            bench.vertx.close();
        }
    }

    private void measure(Report report) throws Exception {
        String marker = UUID.randomUUID().toString().substring(0, 8);
        storeRegistry(registry(marker));
        awaitReason(decideRequest(), marker, Duration.ofSeconds(30));
        try {
            decisions(report);
        } catch (Exception e) {
            report.error("declarative decision: " + e);
        }
        try {
            commandHooks(report);
        } catch (Exception e) {
            report.error("command hook: " + e);
        }
        try {
            configToDecision(report);
        } catch (Exception e) {
            report.error("config change to applied decision: " + e);
        }
        report.condition("hook-service as started by ./suite up (JVM, -Xmx256m SerialGC); tenant " + TENANT + ", a developer's hook key; registry:"
                + " the default pack and a Bash rule with a CEL condition; audit on (ccos.hook.decisions and ccos.audit per decision);"
                + " the load driver and the baseline server each in their own JVM on the same 2-core machine as the service, PostgreSQL,"
                + " Kafka and Keycloak; command hooks warmed up " + warmUp.toSeconds() + " s; each run " + duration.toSeconds() + " s");
        warmUps.forEach(report::condition);
    }

    private void decisions(Report report) throws Exception {
        URI hookService = URI.create(Stack.serviceUrl("hook-service"));
        Buffer body = Buffer.buffer("""
                {"session_id":"bench","transcript_path":"/home/dev/.claude/projects/p/bench.jsonl","cwd":"/home/dev/p",
                 "permission_mode":"default","hook_event_name":"PreToolUse","tool_name":"Bash",
                 "tool_input":{"command":"git push --force origin main","description":"push"},"tool_use_id":"toolu_bench"}""");
        int port = Stack.freePort();
        Process constant = startConstantServer(port);
        try {
            HttpClient toService = client(hookService.getHost(), hookService.getPort());
            HttpClient toConstant = client("127.0.0.1", port);
            String bearer = "Bearer " + hookKey();
            Supplier<CompletionStage<?>> decision = post(toService, bearer, body, "deny");
            Supplier<CompletionStage<?>> baseline = post(toConstant, bearer, body, "deny");

            Console.progress("hooks: warming up the decision and the constant server until each rate settles (at most %d s each)",
                    warmUpLimit.toSeconds());
            LoadDriver.WarmUp decisionWarm = LoadDriver.warmUp(decision, CONNECTIONS, warmUpWindow, warmUpLimit, 0.05);
            Console.progress("hooks: decision warm-up %s", decisionWarm.describe());
            LoadDriver.WarmUp baselineWarm = LoadDriver.warmUp(baseline, CONNECTIONS, warmUpWindow, warmUpLimit, 0.05);
            Console.progress("hooks: constant server warm-up %s", baselineWarm.describe());
            warmUps.add("decision warm-up " + decisionWarm.describe() + ", constant server warm-up " + baselineWarm.describe());
            double rate = quick ? 200 : 1000;
            Console.progress("hooks: latency at a fixed %.0f/s (%d s each)", rate, duration.toSeconds());
            Measurement decisionAtRate = LoadDriver.fixedRate(decision, rate, duration);
            Measurement baselineAtRate = LoadDriver.fixedRate(baseline, rate, duration);
            Console.progress("hooks: most decisions/s at %d connections (%d s each)", CONNECTIONS, duration.toSeconds());
            Measurement decisionMax = LoadDriver.saturate(decision, CONNECTIONS, duration);
            Measurement baselineMax = LoadDriver.saturate(baseline, CONNECTIONS, duration);

            report.latency("PreToolUse decision over HTTP (auth, rules, audit) at a fixed " + (long) rate + "/s", decisionAtRate,
                    "constant JSON HTTP server at the same rate", baselineAtRate);
            report.latency("PreToolUse decision, " + CONNECTIONS + " connections, saturated", decisionMax,
                    "constant JSON HTTP server, " + CONNECTIONS + " connections, saturated", baselineMax);
            report.rate("decisions per second at " + CONNECTIONS + " connections", "throughput", decisionMax.throughputPerSecond(),
                    decisionMax.completed(), "constant JSON HTTP server", baselineMax.throughputPerSecond());
            report.target("hooks.decision_p99_ms_at_1000_per_s", "<=", 0.5, quick ? null : decisionAtRate.percentileMillis(99));
            report.target("hooks.decisions_per_s_at_16_connections", ">=", 20_000, decisionMax.throughputPerSecond());
            report.target("hooks.decisions_to_constant_server_ratio", ">=", 1.0 / 3,
                    decisionMax.throughputPerSecond() / baselineMax.throughputPerSecond());
            toService.close();
            toConstant.close();
        } finally {
            constant.destroy();
            constant.waitFor(5, TimeUnit.SECONDS);
        }
    }

    private void commandHooks(Report report) throws Exception {
        URI hookService = URI.create(Stack.serviceUrl("hook-service"));
        HttpClient toService = client(hookService.getHost(), hookService.getPort());
        String bearer = "Bearer " + hookKey(); // what Claude Code's http hook sends
        String input = """
                {"session_id":"bench","cwd":"/home/dev/p","hook_event_name":"PreToolUse","tool_name":"BenchCommand",
                 "tool_input":{"command":"ls"},"tool_use_id":"toolu_bench"}""";
        Supplier<CompletionStage<?>> throughService = post(toService, bearer, Buffer.buffer(input), "\"kind\":\"command\"");
        ExecutorService spawners = Executors.newVirtualThreadPerTaskExecutor();
        Supplier<CompletionStage<?>> direct = () -> CompletableFuture.supplyAsync(() -> spawn(List.of("/bin/true"), input), spawners);
        Supplier<CompletionStage<?>> bashJq = () -> CompletableFuture.supplyAsync(() -> spawn(List.of("/bin/bash", "-c",
                "jq -r '.tool_input.command' >/dev/null && echo '{}'"), input), spawners);
        double rate = quick ? 5 : 20;
        Console.progress("hooks: command hook through hook-service, spawned directly, and bash+jq at %.0f/s (%d s each)", rate,
                duration.toSeconds());
        LoadDriver.fixedRate(throughService, rate, warmUp);
        LoadDriver.fixedRate(direct, rate, warmUp);
        Measurement service = LoadDriver.fixedRate(throughService, rate, duration);
        Measurement spawned = LoadDriver.fixedRate(direct, rate, duration);
        Measurement claudeCodeStyle = LoadDriver.fixedRate(bashJq, rate, duration);
        report.latency("command hook (/bin/true) through hook-service at " + (long) rate + "/s", service,
                "/bin/true spawned directly with the input on stdin", spawned);
        report.latency("what a hook costs today: bash + jq spawned as Claude Code does, at " + (long) rate + "/s", claudeCodeStyle,
                "/bin/true spawned directly", spawned);
        report.target("hooks.command_added_p50_ms", "<=", 1.0, service.percentileMillis(50) - spawned.percentileMillis(50));
        spawners.shutdown();
        toService.close();
    }

    private void configToDecision(Report report) throws Exception {
        int changes = quick ? 3 : 20;
        Histogram applied = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
        Console.progress("hooks: %d registry changes, each until hook-service decides with it", changes);
        long began = System.nanoTime();
        HttpRequest decide = decideRequest();
        for (int i = 0; i < changes; i++) {
            String marker = UUID.randomUUID().toString().substring(0, 8);
            storeRegistry(registry(marker));
            long stored = System.nanoTime();
            awaitReason(decide, marker, Duration.ofSeconds(30));
            applied.recordValue((System.nanoTime() - stored) / 1000);
        }
        Measurement measured = new Measurement(applied, changes, 0, null, Duration.ofNanos(System.nanoTime() - began));
        report.latency("registry PUT in config-service to the first decision made with it (outbox, Kafka, compile, swap)", measured,
                "none (the path has no ungoverned equivalent)", measured);
        report.target("hooks.config_change_to_decision_p99_ms", "<", 200, measured.percentileMillis(99));
    }

    private static String registry(String marker) {
        return """
                {"packs": {"default": {}},
                 "hooks": {"PreToolUse": [
                   {"matcher": "Bash", "hooks": [{"type": "rule", "id": "no-force-push", "if": "Bash(git push *)",
                     "when": "tool_input.command.contains('--force')", "decision": "deny", "reason": "no force pushes (%s)"}]},
                   {"matcher": "BenchCommand", "hooks": [{"type": "command", "id": "bench-command", "command": ["/bin/true"], "timeout": 10}]}]}}"""
                .formatted(marker);
    }

    /** A developer's hook key, as Claude Code's http hooks send it. */
    private static String hookKey() throws Exception {
        HttpResponse<String> created = java.net.http.HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(Stack.serviceUrl("hook-service") + "/api/v1/hook-keys"))
                        .header("Authorization", "Bearer " + Tokens.of(TENANT, "developer"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"bench\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (created.statusCode() != 201) {
            throw new IllegalStateException("could not create the benchmark's hook key: HTTP " + created.statusCode() + " " + created.body());
        }
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(created.body()).path("key").asText();
    }

    /** Stores the tenant globex's hook registry in config-service (the hooks and gateway benchmarks govern with it). */
    public static void storeRegistry(String registry) throws Exception {
        HttpResponse<String> put = java.net.http.HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(Stack.serviceUrl("config-service") + "/api/v1/hook-registry"))
                        .header("Authorization", "Bearer " + Tokens.of(TENANT, "tenant-admin"))
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString(registry)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (put.statusCode() != 200) {
            throw new IllegalStateException("could not store the benchmark's hook registry: HTTP " + put.statusCode() + " " + put.body());
        }
    }

    /** A decision whose reason names the registry's marker (its token fetched before any timing starts). */
    private static HttpRequest decideRequest() {
        return HttpRequest.newBuilder(URI.create(Stack.serviceUrl("hook-service") + DECIDE))
                .header("Authorization", "Bearer " + Tokens.of(TENANT, "developer"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"tool_name\":\"Bash\",\"tool_input\":{\"command\":\"git push --force\"}}"))
                .build();
    }

    /** Polls a decision until its reason carries the marker: the registry that holds it is applied. */
    private static void awaitReason(HttpRequest decide, String marker, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (POLLER.send(decide, HttpResponse.BodyHandlers.ofString()).body().contains(marker)) {
                return;
            }
            Thread.sleep(2); // polling interval of the measurement, not a wait for a condition
        }
        throw new IllegalStateException("hook-service did not apply the registry with " + marker + " within " + timeout);
    }

    private HttpClient client(String host, int port) {
        return vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setMaxPoolSize(CONNECTIONS)
                .setDefaultHost(host).setDefaultPort(port));
    }

    /**
     * One POST per call, started on one of the client's event loops: a request chained from the driver's own
     * thread could see its response arrive before the body handler was set, and read an empty answer. A call
     * made on an event loop already (a saturating caller's next request, from the previous one's completion)
     * starts there, without a hop to another thread that would cost the driver more than the baseline server.
     */
    private Supplier<CompletionStage<?>> post(HttpClient http, String bearer, Buffer body, String expected) {
        Context[] loops = {vertx.getOrCreateContext(), vertx.getOrCreateContext()};
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        return () -> {
            CompletableFuture<Buffer> answered = new CompletableFuture<>();
            Context current = Vertx.currentContext();
            Context loop = current != null && current.isEventLoopContext() ? current
                    : loops[Math.floorMod(next.getAndIncrement(), loops.length)];
            loop.runOnContext(start -> CheckedAnswers.completing(CheckedAnswers.expecting(http
                    .request(new RequestOptions().setMethod(HttpMethod.POST).setURI(DECIDE)
                            .putHeader("Authorization", bearer).putHeader("Content-Type", "application/json"))
                    .compose(request -> request.send(body.copy())), expected), answered)); // a Buffer sent is consumed: one copy per request
            return answered;
        };
    }

    /** Runs a command with the hook input on stdin and waits for it, as Claude Code runs a command hook. */
    private static Integer spawn(List<String> argv, String input) {
        try {
            Process process = new ProcessBuilder(argv).redirectErrorStream(true).start();
            try (OutputStream stdin = process.getOutputStream()) {
                stdin.write(input.getBytes(StandardCharsets.UTF_8));
            } catch (java.io.IOException e) {
                // the command did not read its input
            }
            process.getInputStream().transferTo(OutputStream.nullOutputStream());
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(argv + " timed out");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(argv + " exited " + process.exitValue());
            }
            return process.exitValue();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Process startConstantServer(int port) throws Exception {
        Process server = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m",
                "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), ConstantJsonServer.class.getName(), String.valueOf(port))
                .redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        String line;
        StringBuilder printed = new StringBuilder();
        while ((line = out.readLine()) != null && !line.equals("listening")) {
            printed.append(line).append('\n'); // the JVM's own warnings come first
        }
        if (line == null) {
            server.destroyForcibly();
            throw new IllegalStateException("the constant JSON server did not start: " + printed);
        }
        Thread.ofVirtual().start(() -> {
            try {
                out.transferTo(java.io.Writer.nullWriter());
            } catch (java.io.IOException e) {
                // the server ended
            }
        });
        return server;
    }

}
