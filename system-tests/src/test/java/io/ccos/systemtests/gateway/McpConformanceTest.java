package io.ccos.systemtests.gateway;

import static io.ccos.systemtests.gateway.GatewayFixtures.developerToken;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ccos.testing.mcp.BearerPassThrough;
import io.ccos.testing.mcp.ConformanceServer;
import io.ccos.testing.mcp.ConformanceSuite;
import io.ccos.testing.mcp.ConformanceSuite.Release;
import io.ccos.testing.mcp.ConformanceSuite.Scenario;
import io.ccos.testing.mcp.ListeningScript;
import io.ccos.testing.stack.ServiceReplica;
import io.ccos.testing.stack.Stack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The MCP conformance suite (pinned in testing/conformance) against the gateway: /servers/{name}/mcp in front
 * of the project's conformant server (which passes every session-era scenario itself) over stdio and over
 * Streamable HTTP, in both releases and under the stateless revision's requirements, and /mcp. A scenario may
 * fail only if it is listed below with the reason; each run's table goes to
 * system-tests/target/conformance/report.md.
 */
class McpConformanceTest {

    /** Under --requirements 2026-07-28, through /servers/{name}/mcp: what the gateway does not do yet, and why. */
    private static final Map<String, String> STATELESS_GAPS = stateless();

    /**
     * Through /mcp, which names every server's tools and prompts <server>__<name> and its resources
     * ccos://<server>/<uri>: the scenarios that call the fixtures by their own names cannot find them.
     */
    private static final Map<String, String> AGGREGATE_GAPS = aggregate();

    private static final String MARKER = UUID.randomUUID().toString().substring(0, 8);
    private static final String STDIO = "conf-" + MARKER;
    private static final String HTTP = "confh-" + MARKER;
    private static final StringBuilder REPORT = new StringBuilder("# MCP conformance through mcp-gateway\n");

    private static ListeningScript upstream;
    private static ServiceReplica replica;
    private static final List<String> REGISTERED = new ArrayList<>();

    @BeforeAll
    static void startUpstreamAndReplica() throws Exception {
        upstream = ConformanceServer.startHttp();
        replica = ServiceReplica.start(Stack.repositoryRoot(), "mcp-gateway", "mcp-gateway-conformance", Stack.freePort(),
                Map.of("ccos.outbound.allowed-private-targets", "127.0.0.1/32"));
        REGISTERED.add(GatewayFixtures.registerStdio(replica.url(), STDIO, ConformanceServer.stdioCommand()));
        REGISTERED.add(GatewayFixtures.registerHttp(replica.url(), HTTP, upstream.url()));
    }

    @AfterAll
    static void stop() throws IOException {
        REGISTERED.forEach(id -> GatewayFixtures.remove(Stack.serviceUrl("mcp-gateway"), id));
        if (replica != null) {
            replica.close();
        }
        if (upstream != null) {
            upstream.close();
        }
        Path report = Path.of("target/conformance/report.md");
        Files.createDirectories(report.getParent());
        Files.writeString(report, REPORT);
    }

    @Test
    void everySessionEraScenarioPassesThroughOneServersEndpointOverBothTransports() throws Exception {
        for (String server : List.of(STDIO, HTTP)) {
            assertOnly(Map.of(), run("/servers/" + server + "/mcp", Release.V0_1, List.of("--suite", "all"), "0.1.16 --suite all, " + server,
                    Map.of()));
        }
        assertOnly(Map.of(), run("/servers/" + HTTP + "/mcp", Release.V0_2, List.of(), "0.2.0-alpha.12, " + HTTP, Map.of()));
    }

    @Test
    void aStatelessClientReachesASessionEraUpstream() throws Exception {
        assertOnly(STATELESS_GAPS, run("/servers/" + HTTP + "/mcp", Release.V0_2, List.of("--requirements", "2026-07-28"),
                "0.2.0-alpha.12 --requirements 2026-07-28, " + HTTP, STATELESS_GAPS));
    }

    @Test
    void theAggregateEndpointFailsOnlyWhereTheScenariosNeedTheServersOwnNames() throws Exception {
        Map<String, Scenario> scenarios = run("/mcp", Release.V0_1, List.of(), "0.1.16, /mcp", AGGREGATE_GAPS);
        assertOnly(AGGREGATE_GAPS, scenarios);
        for (String unaffected : List.of("server-initialize", "ping", "tools-list", "resources-list", "prompts-list", "dns-rebinding-protection")) {
            assertTrue(scenarios.get(unaffected).ok(), () -> unaffected + ": " + scenarios.get(unaffected));
        }
    }

    /** Runs the release against the path through a bearer pass-through; reports each scenario, with the reason of a known gap. */
    private static Map<String, Scenario> run(String path, Release release, List<String> options, String title, Map<String, String> gaps)
            throws Exception {
        String target = path.equals("/mcp") ? replica.url() : replica.url() + path.substring(0, path.length() - "/mcp".length());
        try (ListeningScript passThrough = BearerPassThrough.start(target, developerToken())) {
            Map<String, Scenario> scenarios = ConformanceSuite.run(release, passThrough.url() + "/mcp", options);
            report(title, scenarios, gaps);
            return scenarios;
        }
    }

    /** Every scenario passes but those listed; a listed one that passes now is only reported (the list is then stale). */
    private static void assertOnly(Map<String, String> expected, Map<String, Scenario> scenarios) {
        List<String> unexpected = scenarios.values().stream()
                .filter(scenario -> !scenario.ok() && !expected.containsKey(scenario.name()) && !scenario.name().startsWith("tasks-"))
                .map(scenario -> scenario.name() + " " + scenario.failures()).toList();
        assertEquals(List.of(), unexpected, "scenarios that fail and are not known gaps");
    }

    private static void report(String title, Map<String, Scenario> scenarios, Map<String, String> reasons) {
        long ok = scenarios.values().stream().filter(Scenario::ok).count();
        REPORT.append("\n## ").append(title).append(": ").append(ok).append(" of ").append(scenarios.size()).append(" scenarios pass\n\n")
                .append("| scenario | checks passed | failed | warnings | why it fails |\n|---|---|---|---|---|\n");
        for (Scenario scenario : scenarios.values()) {
            String why = scenario.ok() ? "" : scenario.name().startsWith("tasks-") ? "the tasks extension is not relayed"
                    : reasons.getOrDefault(scenario.name(), "UNEXPECTED: " + String.join("; ", scenario.failures()));
            REPORT.append("| ").append(scenario.name()).append(" | ").append(scenario.passed()).append(" | ").append(scenario.failed())
                    .append(" | ").append(scenario.warnings()).append(" | ").append(why.replace("|", "/")).append(" |\n");
        }
    }

    private static Map<String, String> stateless() {
        Map<String, String> gaps = new TreeMap<>();
        String mrtr = "the gateway does not turn an upstream's elicitation, sampling or roots requests into input_required results (SEP-2322) yet";
        for (String scenario : List.of("basic-elicitation", "basic-sampling", "basic-list-roots", "request-state", "multiple-input-requests",
                "multi-round", "non-tool-request", "result-type", "tampered-state", "capability-check")) {
            gaps.put("input-required-result-" + scenario, mrtr);
        }
        gaps.put("http-header-validation", "pending in the suite: the gateway checks Mcp-Method and Mcp-Name when sent but does not"
                + " require them (clients such as Claude Code 2.1.330 do not send them)");
        gaps.put("http-custom-header-server-validation", "pending in the suite: the fixture has no tool with x-mcp-header parameters");
        return gaps;
    }

    private static Map<String, String> aggregate() {
        Map<String, String> gaps = new TreeMap<>();
        for (String scenario : List.of("completion-complete", "tools-call-simple-text", "tools-call-image", "tools-call-audio",
                "tools-call-embedded-resource", "tools-call-mixed-content", "tools-call-with-logging", "tools-call-error",
                "tools-call-with-progress", "tools-call-sampling", "tools-call-elicitation", "elicitation-sep1034-defaults",
                "elicitation-sep1330-enums", "resources-read-text", "resources-read-binary", "resources-templates-read",
                "resources-subscribe", "resources-unsubscribe", "prompts-get-simple", "prompts-get-with-args",
                "prompts-get-embedded-resource", "prompts-get-with-image", "json-schema-2020-12")) {
            gaps.put(scenario, "calls a fixture by its own name, which /mcp offers as <server>__<name> or ccos://<server>/<uri>");
        }
        gaps.put("logging-set-level", "/mcp offers no logging/setLevel: the servers' connections are shared by every caller");
        return gaps;
    }
}
