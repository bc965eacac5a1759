package io.ccos.bench.gateway;

import io.ccos.bench.harness.Console;
import io.ccos.bench.harness.LoadDriver;
import io.ccos.bench.harness.Measurement;
import io.ccos.bench.harness.Report;
import io.ccos.bench.hooks.HooksBench;
import io.ccos.testing.auth.Tokens;
import io.ccos.testing.mcp.EverythingServer;
import io.ccos.testing.stack.ServiceReplica;
import io.ccos.testing.stack.Stack;
import io.vertx.core.Vertx;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * `./suite bench gateway` (issue 14): a tools/call of server-everything's echo, in one run, called directly
 * (Streamable HTTP), through the ungoverned npm proxies mcp-proxy and supergateway (each in front of the
 * same server over stdio), and through a replica of mcp-gateway with authentication, the tenant's policy
 * (a CEL rule evaluated on the arguments of every call) and audit on, in front of the same server over
 * HTTP and over stdio; then the gateway's own ceiling in front of a server that answers at once, the CPU
 * each proxy spends per call, session open time and memory per idle session.
 */
public final class GatewayBench {

    static final int CONNECTIONS = 10;
    private static final String TOOL = "echo";
    private static final String ARGUMENTS = "{\"message\":\"bench\"}";
    private static final String EXPECTED = "Echo: bench";

    private final Vertx vertx = Vertx.vertx();
    private final boolean quick;
    private final Duration duration;
    private final Duration warmUpWindow;
    private final Duration warmUpLimit;
    private final List<Process> processes = new ArrayList<>();
    private final List<McpCaller> callers = new ArrayList<>();

    private GatewayBench(boolean quick) {
        this.quick = quick;
        this.duration = Duration.ofSeconds(quick ? 3 : 10);
        this.warmUpWindow = Duration.ofSeconds(quick ? 1 : 5);
        this.warmUpLimit = Duration.ofSeconds(quick ? 3 : 30);
    }

    public static void run(Path root, boolean quick, Report report) throws Exception {
        GatewayBench bench = new GatewayBench(quick);
        try {
            bench.measure(root, report);
        } finally {
            bench.callers.forEach(McpCaller::close);
            bench.processes.forEach(GatewayBench::stop);
            bench.vertx.close();
        }
    }

    private void measure(Path root, Report report) throws Exception {
        String marker = UUID.randomUUID().toString().substring(0, 8);
        Console.progress("gateway: starting server-everything (HTTP), the minimal server, mcp-proxy, supergateway and a gateway replica");
        EverythingServer everything = EverythingServer.startHttp();
        int minimalPort = Stack.freePort();
        processes.add(startJava(MinimalMcpServer.class, minimalPort));
        List<String> stdio = EverythingServer.stdioCommand("bench-" + marker);
        Path npm = root.resolve("testing/npm");
        int proxyPort = Stack.freePort();
        Process mcpProxy = startNode(npm, proxyPort, List.of(npm.resolve("node_modules/.bin/mcp-proxy").toString(), "--port",
                String.valueOf(proxyPort), "--host", "127.0.0.1", "--server", "stream", "--"), stdio);
        int superPort = Stack.freePort();
        Process supergateway = startNode(npm, superPort, List.of(npm.resolve("node_modules/.bin/supergateway").toString(), "--stdio",
                String.join(" ", stdio), "--outputTransport", "streamableHttp", "--stateful", "--port", String.valueOf(superPort),
                "--logLevel", "none"), List.of());
        ServiceReplica gateway = ServiceReplica.start(root, "mcp-gateway", "mcp-gateway-bench", Stack.freePort(),
                Map.of("ccos.outbound.allowed-private-targets", "127.0.0.1/32"));
        try {
            String http = "bh-" + marker;
            String viaStdio = "bs-" + marker;
            String minimal = "bm-" + marker;
            List<String> registrations = List.of(
                    register(gateway, Map.of("name", http, "transport", "streamable-http", "url", everything.url())),
                    register(gateway, Map.of("name", viaStdio, "transport", "stdio", "command", stdio)),
                    register(gateway, Map.of("name", minimal, "transport", "streamable-http", "url", "http://127.0.0.1:" + minimalPort + "/mcp")));
            // Policy on: a CEL rule on the arguments of every benchmarked call (it does not match, so calls go through).
            HooksBench.storeRegistry("""
                    {"hooks": {"PreToolUse": [{"matcher": "mcp__b[hsm]-%s__echo", "hooks": [{"type": "rule", "id": "bench-%s",
                      "when": "tool_input.message.contains('forbidden')", "decision": "deny", "reason": "bench"}]}]}}""".formatted(marker, marker));
            String bearer = "Bearer " + Tokens.of("globex", "developer");
            Map<String, Target> targets = new LinkedHashMap<>();
            targets.put("direct", new Target("server-everything over Streamable HTTP, called directly", caller(everything.url(), null), null));
            targets.put("gateway-http", new Target("mcp-gateway (auth, policy, audit) -> server-everything over HTTP",
                    caller(gateway.url() + "/servers/" + http + "/mcp", bearer), gateway.process()));
            targets.put("mcp-proxy", new Target("mcp-proxy 6.7.19 (ungoverned) -> server-everything over stdio",
                    caller("http://127.0.0.1:" + proxyPort + "/mcp", null), mcpProxy.toHandle()));
            targets.put("supergateway", new Target("supergateway 4.0.0 (ungoverned) -> server-everything over stdio",
                    caller("http://127.0.0.1:" + superPort + "/mcp", null), supergateway.toHandle()));
            targets.put("gateway-stdio", new Target("mcp-gateway (auth, policy, audit) -> server-everything over stdio",
                    caller(gateway.url() + "/servers/" + viaStdio + "/mcp", bearer), gateway.process()));
            awaitGoverned(targets.get("gateway-http"));

            for (var target : targets.values()) {
                Console.progress("gateway: warming up %s", target.name());
                LoadDriver.WarmUp warm = LoadDriver.warmUp(target.call(), CONNECTIONS, warmUpWindow, warmUpLimit, 0.05);
                report.condition("warm-up of " + target.name() + ": " + warm.describe());
            }
            Measurement direct = null;
            for (double rate : quick ? List.of(100.0) : List.of(200.0, 500.0)) {
                Map<String, Measurement> atRate = new LinkedHashMap<>();
                for (var entry : targets.entrySet()) {
                    Console.progress("gateway: %s at a fixed %.0f calls/s for %d s", entry.getValue().name(), rate, duration.toSeconds());
                    atRate.put(entry.getKey(), LoadDriver.fixedRate(entry.getValue().call(), rate, duration));
                }
                direct = atRate.get("direct");
                for (var entry : atRate.entrySet()) {
                    if (!entry.getKey().equals("direct")) {
                        report.latency("tools/call through " + targets.get(entry.getKey()).name() + " at " + (long) rate + "/s", entry.getValue(),
                                targets.get("direct").name() + " at " + (long) rate + "/s", direct);
                    }
                }
                Measurement governed = atRate.get("gateway-http");
                String at = "_at_" + (long) rate + "_per_s";
                report.target("gateway.added_latency_p50_ms" + at, "<=", 0.25, added(governed, direct, 50));
                report.target("gateway.added_latency_p90_ms" + at, "<=", 1.0, added(governed, direct, 90));
                report.target("gateway.added_latency_p99_ms" + at, "<=", 2.0, added(governed, direct, 99));
            }

            Map<String, Measurement> saturated = new LinkedHashMap<>();
            for (var entry : targets.entrySet()) {
                Target target = entry.getValue();
                Console.progress("gateway: most calls/s through %s at %d connections (%d s)", target.name(), CONNECTIONS, duration.toSeconds());
                Duration cpuBefore = cpu(target.process());
                Measurement most = LoadDriver.saturate(target.call(), CONNECTIONS, duration);
                Duration cpuAfter = cpu(target.process());
                saturated.put(entry.getKey(), most);
                report.latency("tools/call through " + target.name() + ", " + CONNECTIONS + " connections, saturated", most,
                        targets.get("direct").name() + " (last fixed rate)", direct);
                if (target.process() != null && cpuBefore != null && cpuAfter != null && most.completed() > 0) {
                    double msPerCall = (cpuAfter.toNanos() - cpuBefore.toNanos()) / 1e6 / most.completed();
                    report.value("CPU per call of " + target.name() + " (its own process, saturated)", "cpu_ms_per_call", "ms", msPerCall,
                            most.completed());
                    if (entry.getKey().equals("gateway-http")) {
                        report.target("gateway.cpu_ms_per_governed_call", "<=", 0.3, msPerCall);
                    }
                }
            }
            // The npm proxies front stdio servers only: the gateway is held to them over the same transport. Over HTTP
            // its baseline is the server called directly (the node server's own CPU then shares the cores with it).
            report.target("gateway.throughput_to_mcp_proxy_ratio_stdio", ">=", 0.9, saturated.get("gateway-stdio").throughputPerSecond()
                    / saturated.get("mcp-proxy").throughputPerSecond());
            report.rate("governed calls per second to server-everything over HTTP at " + CONNECTIONS + " connections", "throughput",
                    saturated.get("gateway-http").throughputPerSecond(), saturated.get("gateway-http").completed(), targets.get("direct").name(),
                    saturated.get("direct").throughputPerSecond());

            McpCaller minimalDirect = caller("http://127.0.0.1:" + minimalPort + "/mcp", null);
            McpCaller minimalGoverned = caller(gateway.url() + "/servers/" + minimal + "/mcp", bearer);
            Supplier<java.util.concurrent.CompletionStage<?>> ceilingCall = minimalGoverned.call(TOOL, ARGUMENTS, EXPECTED);
            LoadDriver.warmUp(ceilingCall, CONNECTIONS, warmUpWindow, warmUpLimit, 0.05);
            Console.progress("gateway: the gateway's ceiling in front of a server that answers at once (%d s each)", duration.toSeconds());
            Measurement ceiling = LoadDriver.saturate(ceilingCall, CONNECTIONS, duration);
            Measurement minimalAlone = LoadDriver.saturate(minimalDirect.call(TOOL, ARGUMENTS, EXPECTED), CONNECTIONS, duration);
            report.latency("governed tools/call in front of a minimal server, " + CONNECTIONS + " connections, saturated", ceiling,
                    "the minimal server called directly", minimalAlone);
            report.rate("governed calls per second at " + CONNECTIONS + " connections (minimal upstream)", "throughput",
                    ceiling.throughputPerSecond(), ceiling.completed(), "the minimal server called directly", minimalAlone.throughputPerSecond());
            report.target("gateway.governed_calls_per_s_at_10_connections_minimal_upstream", ">=", 6000, ceiling.throughputPerSecond());

            sessions(report, gateway, http, bearer, everything.url());
            registrations.forEach(id -> remove(gateway, id));
            report.condition(CONNECTIONS + " connections where saturated; fixed rates " + (quick ? "100/s" : "200/s and 500/s") + " for "
                    + duration.toSeconds() + " s each, latency from the intended send time (no coordinated omission)");
            report.condition("payload: tools/call echo {\"message\":\"bench\"}; the gateway's policy evaluates a CEL rule on every call; "
                    + "audit events go to Kafka (ccos.tool.calls, ccos.audit); the gateway replica runs as ./suite runs services "
                    + "(-Xmx256m, SerialGC); the load driver, the proxies, the upstreams and the rest of the stack share the machine's cores");
            report.condition("the ungoverned proxies front server-everything over stdio (they do not proxy HTTP upstreams); the direct baseline "
                    + "is server-everything over Streamable HTTP, so their added latency includes the stdio hop");
        } finally {
            gateway.close();
            everything.close();
        }
    }

    private record Target(String name, Supplier<java.util.concurrent.CompletionStage<?>> call, ProcessHandle process) {
        Target(String name, McpCaller caller, ProcessHandle process) {
            this(name, caller.call(TOOL, ARGUMENTS, EXPECTED), process);
        }
    }

    /** Session open time through the gateway beside the upstream's own, and what 1,000 idle sessions cost it. */
    private void sessions(Report report, ServiceReplica gateway, String server, String bearer, String directUrl) throws Exception {
        McpCaller governed = caller(gateway.url() + "/servers/" + server + "/mcp", bearer);
        McpCaller direct = caller(directUrl, null);
        Console.progress("gateway: session open time (initialize) at 50/s for %d s", duration.toSeconds());
        Measurement opened = LoadDriver.fixedRate(governed::initialize, 50, duration);
        Measurement openedDirect = LoadDriver.fixedRate(direct::initialize, 50, duration);
        report.latency("session open (initialize) through the gateway", opened, "initialize of server-everything directly", openedDirect);
        report.target("gateway.session_open_ms_p50", "<", 5, opened.percentileMillis(50));
        int idle = quick ? 100 : 1000;
        long before = rssBytes(gateway.process());
        List<CompletableFuture<String>> open = new ArrayList<>();
        for (int i = 0; i < idle; i++) {
            open.add(governed.initialize());
        }
        CompletableFuture.allOf(open.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
        long after = rssBytes(gateway.process());
        double perSession = Math.max(0, after - before) / (double) idle / (1 << 20);
        report.value("memory per idle session (" + idle + " sessions open, resident set growth of the gateway)", "memory_mib_per_session",
                "MiB", perSession, idle);
        report.target("gateway.memory_mib_per_idle_session_at_1000", "<", 1.0, quick ? null : perSession);
    }

    private McpCaller caller(String endpoint, String bearer) throws Exception {
        McpCaller caller = new McpCaller(vertx, endpoint, bearer, CONNECTIONS);
        callers.add(caller);
        caller.open();
        return caller;
    }

    /** Waits until the gateway governs with the benchmark's registry (its first calls could otherwise go unpoliced). */
    private static void awaitGoverned(Target target) throws Exception {
        target.call().get().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    private static Double added(Measurement through, Measurement direct, double percentile) {
        return through == null || direct == null ? null : through.percentileMillis(percentile) - direct.percentileMillis(percentile);
    }

    private static Duration cpu(ProcessHandle process) {
        return process == null ? null : process.info().totalCpuDuration().orElse(null);
    }

    private static long rssBytes(ProcessHandle process) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        throw new IOException("no VmRSS for " + process.pid());
    }

    private static String register(ServiceReplica gateway, Map<String, Object> registration) throws Exception {
        HttpResponse<String> created = java.net.http.HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(gateway.url() + "/api/v1/upstreams"))
                .header("Authorization", "Bearer " + Tokens.of("globex", "platform-admin")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(registration))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (created.statusCode() != 201) {
            throw new IllegalStateException("could not register " + registration.get("name") + ": HTTP " + created.statusCode() + " " + created.body());
        }
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(created.body()).path("id").asText();
    }

    private static void remove(ServiceReplica gateway, String id) {
        try {
            java.net.http.HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(gateway.url() + "/api/v1/upstreams/" + id))
                    .header("Authorization", "Bearer " + Tokens.of("globex", "platform-admin")).DELETE().build(), HttpResponse.BodyHandlers.discarding());
        } catch (IOException | InterruptedException e) {
            Console.progress("gateway: could not remove registration %s (%s)", id, e.getMessage());
        }
    }

    private Process startJava(Class<?> main, int port) throws IOException {
        Process server = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m",
                "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), main.getName(), String.valueOf(port))
                .redirectErrorStream(true).start();
        processes.add(server);
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        String line;
        StringBuilder printed = new StringBuilder();
        while ((line = out.readLine()) != null && !line.equals("listening")) {
            printed.append(line).append('\n'); // the JVM's own warnings come first
        }
        if (line == null) {
            throw new IllegalStateException(main.getSimpleName() + " did not start: " + printed);
        }
        Thread.ofVirtual().start(() -> {
            try {
                out.transferTo(java.io.Writer.nullWriter());
            } catch (IOException e) {
                // the server ended
            }
        });
        return server;
    }

    /** Starts a Node proxy and waits until its port accepts connections. */
    private Process startNode(Path npm, int port, List<String> command, List<String> upstream) throws Exception {
        List<String> argv = new ArrayList<>(List.of("node"));
        argv.addAll(command);
        argv.addAll(upstream);
        Path log = Stack.repositoryRoot().resolve(".ccos/logs/bench-" + Path.of(command.getFirst()).getFileName() + ".log");
        Process process = new ProcessBuilder(argv).directory(npm.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        processes.add(process);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!listening(port)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException(command.getFirst() + " did not listen on " + port + ": see " + log);
            }
            Thread.sleep(100); // polling a port: nothing to wait on but the socket itself
        }
        return process;
    }

    private static boolean listening(int port) {
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void stop(Process process) {
        if (process != null) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }
}
