package io.ccos.systemtests.gateway;

import static io.ccos.systemtests.gateway.GatewayFixtures.JSON;
import static io.ccos.systemtests.gateway.GatewayFixtures.developerToken;
import static io.ccos.systemtests.gateway.GatewayFixtures.initialize;
import static io.ccos.systemtests.gateway.GatewayFixtures.json;
import static io.ccos.systemtests.gateway.GatewayFixtures.post;
import static io.ccos.systemtests.gateway.GatewayFixtures.request;
import static io.ccos.systemtests.gateway.GatewayFixtures.text;
import static io.ccos.testing.mcp.McpSdkClient.step;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.ccos.contracts.events.Topics;
import io.ccos.systemtests.hooks.HookFixtures;
import io.ccos.testing.kafka.TopicReader;
import io.ccos.testing.mcp.EverythingServer;
import io.ccos.testing.mcp.McpSdkClient;
import io.ccos.testing.stack.ServiceReplica;
import io.ccos.testing.stack.Stack;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * mcp-gateway in front of the real MCP reference server (server-everything from npm, over stdio and over
 * Streamable HTTP), used by the real MCP TypeScript SDK client and by raw requests. A second gateway replica
 * runs beside the suite's: it may reach upstreams on loopback (a platform operator's opening), gives up on a
 * call after 4 s, and its hook-service is unreachable.
 */
class GovernedMcpTest {

    private static final String MARKER = UUID.randomUUID().toString().substring(0, 8);
    private static final String STDIO = "ev-" + MARKER;
    private static final String HTTP = "evh-" + MARKER;

    private static final String SSE = "evs-" + MARKER;

    private static EverythingServer httpUpstream;
    private static EverythingServer sseUpstream;
    private static ServiceReplica replica;
    private static final List<String> REGISTERED = new ArrayList<>();

    @BeforeAll
    static void startUpstreamsAndReplica() throws Exception {
        httpUpstream = EverythingServer.startHttp();
        sseUpstream = EverythingServer.startSse();
        replica = ServiceReplica.start(Stack.repositoryRoot(), "mcp-gateway", "mcp-gateway-2", Stack.freePort(), Map.of(
                "ccos.outbound.allowed-private-targets", "127.0.0.1/32",
                "ccos.gateway.upstream.call-timeout", "4s",
                "ccos.gateway.upstream.restart.initial-backoff", "200ms",
                "ccos.gateway.policy.hook-service-url", "http://127.0.0.1:" + Stack.freePort()));
        REGISTERED.add(GatewayFixtures.registerStdio(replica.url(), STDIO, EverythingServer.stdioCommand(MARKER)));
        REGISTERED.add(GatewayFixtures.registerHttp(replica.url(), HTTP, httpUpstream.url()));
        REGISTERED.add(GatewayFixtures.register(replica.url(), Map.of("name", SSE, "transport", "sse", "url", sseUpstream.url())));
    }

    @AfterAll
    static void stop() {
        REGISTERED.forEach(id -> GatewayFixtures.remove(Stack.serviceUrl("mcp-gateway"), id));
        if (replica != null) {
            replica.close();
        }
        if (httpUpstream != null) {
            httpUpstream.close();
        }
        if (sseUpstream != null) {
            sseUpstream.close();
        }
    }

    @Test
    void theSdkClientUsesOneServerWithItsOwnNamesOverEveryTransport() throws Exception {
        for (String server : List.of(STDIO, HTTP, SSE)) {
            JsonNode session = McpSdkClient.run(replica.url() + "/servers/" + server + "/mcp", developerToken(), List.of(
                    step("listTools"),
                    step("callTool", "name", "echo", "arguments", Map.of("message", "hello " + MARKER)),
                    step("callTool", "name", "get-sum", "arguments", Map.of("a", 40, "b", 2)),
                    step("listPrompts"),
                    step("getPrompt", "name", "simple-prompt"),
                    step("listResources"),
                    step("readResource", "uri", "demo://resource/static/document/architecture.md"),
                    step("ping")));
            assertFalse(session.has("connectError"), () -> server + ": " + session);
            assertEquals("2025-11-25", session.path("protocolVersion").asText());
            assertEquals("mcp-servers/everything", session.path("serverVersion").path("name").asText(), "the upstream's own serverInfo");
            assertTrue(session.path("sessionId").asText().contains("."), "a signed session id");
            JsonNode results = session.path("results");
            for (JsonNode result : results) {
                assertTrue(result.has("ok"), () -> server + ": " + result);
            }
            assertTrue(names(results.path(0).path("ok").path("tools")).contains("echo"), () -> results.path(0).toString());
            assertEquals("Echo: hello " + MARKER, text(results.path(1).path("ok")));
            assertTrue(text(results.path(2).path("ok")).contains("42"), () -> results.path(2).toString());
            assertTrue(names(results.path(3).path("ok").path("prompts")).contains("simple-prompt"));
            assertFalse(results.path(4).path("ok").path("messages").isEmpty());
            assertTrue(results.path(6).path("ok").path("contents").path(0).path("text").asText().contains("Architecture"));
        }
    }

    @Test
    void theAggregateEndpointOffersEveryServersToolsUnderItsName() throws Exception {
        JsonNode session = McpSdkClient.run(replica.url() + "/mcp", developerToken(), List.of(
                step("listTools"),
                step("callTool", "name", HTTP + "__echo", "arguments", Map.of("message", "aggregated")),
                step("callTool", "name", STDIO + "__get-sum", "arguments", Map.of("a", 1, "b", 2)),
                step("callTool", "name", "no-such-server__echo", "arguments", Map.of())));
        assertFalse(session.has("connectError"), session::toString);
        List<String> tools = names(session.path("results").path(0).path("ok").path("tools"));
        assertTrue(tools.contains(STDIO + "__echo") && tools.contains(HTTP + "__echo"), () -> tools.toString());
        assertEquals("Echo: aggregated", text(session.path("results").path(1).path("ok")));
        assertTrue(text(session.path("results").path(2).path("ok")).contains("3"));
        assertTrue(session.path("results").path(3).path("error").asText().contains("No MCP server named no-such-server"),
                () -> session.path("results").path(3).toString());
    }

    @Test
    void theAggregateEndpointOffersEveryServersPromptsAndResourcesUnderNamesThatLeadBack() throws Exception {
        String document = "demo://resource/static/document/architecture.md";
        JsonNode session = McpSdkClient.run(replica.url() + "/mcp", developerToken(), List.of(
                step("listPrompts"),
                step("getPrompt", "name", STDIO + "__completable-prompt", "arguments", Map.of("department", "Sales", "name", "Eve")),
                step("complete", "ref", Map.of("type", "ref/prompt", "name", HTTP + "__completable-prompt"),
                        "argument", Map.of("name", "department", "value", "S")),
                step("listResources"),
                step("readResource", "uri", "ccos://" + STDIO + "/" + document),
                step("listResourceTemplates"),
                step("readResource", "uri", "ccos://nowhere-" + MARKER + "/" + document),
                step("getPrompt", "name", "simple-prompt")));
        assertFalse(session.has("connectError"), session::toString);
        assertTrue(session.path("capabilities").has("prompts") && session.path("capabilities").has("resources"), session::toString);
        JsonNode results = session.path("results");
        List<String> prompts = names(results.path(0).path("ok").path("prompts"));
        assertTrue(prompts.contains(STDIO + "__simple-prompt") && prompts.contains(HTTP + "__simple-prompt"), prompts::toString);
        assertEquals("Please promote Eve to the head of the Sales team.",
                results.path(1).path("ok").path("messages").path(0).path("content").path("text").asText(), () -> results.path(1).toString());
        List<String> completions = new ArrayList<>();
        results.path(2).path("ok").path("completion").path("values").forEach(value -> completions.add(value.asText()));
        assertEquals(List.of("Sales", "Support"), completions, () -> results.path(2).toString());
        List<String> uris = new ArrayList<>();
        results.path(3).path("ok").path("resources").forEach(resource -> uris.add(resource.path("uri").asText()));
        assertTrue(uris.contains("ccos://" + STDIO + "/" + document) && uris.contains("ccos://" + HTTP + "/" + document), uris::toString);
        JsonNode read = results.path(4).path("ok").path("contents").path(0);
        assertEquals("ccos://" + STDIO + "/" + document, read.path("uri").asText(), "contents keep the address the client used");
        assertTrue(read.path("text").asText().contains("Architecture"), read::toString);
        List<String> templates = new ArrayList<>();
        results.path(5).path("ok").path("resourceTemplates").forEach(template -> templates.add(template.path("uriTemplate").asText()));
        assertTrue(templates.stream().anyMatch(template -> template.startsWith("ccos://" + HTTP + "/demo://resource/dynamic/")), templates::toString);
        assertTrue(results.path(6).path("error").asText().contains("No MCP server named nowhere-" + MARKER), () -> results.path(6).toString());
        assertTrue(results.path(7).path("error").asText().contains("prompts on /mcp are named <server>__<prompt>"), () -> results.path(7).toString());
    }

    @Test
    void progressOfALongCallReachesTheClientUnderItsOwnToken() throws Exception {
        for (String[] endpointAndTool : new String[][] {{"/servers/" + STDIO + "/mcp", "trigger-long-running-operation"},
                {"/servers/" + HTTP + "/mcp", "trigger-long-running-operation"}, {"/servers/" + SSE + "/mcp", "trigger-long-running-operation"},
                {"/mcp", HTTP + "__trigger-long-running-operation"}}) {
            JsonNode session = McpSdkClient.run(replica.url() + endpointAndTool[0], developerToken(), List.of(
                    step("callTool", "name", endpointAndTool[1], "arguments", Map.of("duration", 1, "steps", 3), "progress", true),
                    step("callTool", "name", endpointAndTool[1], "arguments", Map.of("duration", 0.3, "steps", 2))));
            assertFalse(session.has("connectError"), session::toString);
            JsonNode streamed = session.path("results").path(0).path("ok");
            assertTrue(text(streamed).startsWith("Long running operation completed"), () -> endpointAndTool[0] + ": " + streamed);
            List<Integer> progress = new ArrayList<>();
            streamed.path("progressNotifications").forEach(notification -> progress.add(notification.path("progress").asInt()));
            assertEquals(List.of(1, 2, 3), progress, () -> endpointAndTool[0] + ": " + streamed);
            assertEquals(3, streamed.path("progressNotifications").path(0).path("total").asInt());
            assertTrue(text(session.path("results").path(1).path("ok")).startsWith("Long running operation completed"),
                    "without a progress token the answer is plain JSON");
        }
    }

    @Test
    void aCancelledCallEndsAtOnceAndIsAuditedSo() throws Exception {
        String toolUse = "toolu_cancelled_" + MARKER;
        try (TopicReader calls = new TopicReader(Topics.TOOL_CALLS)) {
            JsonNode session = McpSdkClient.run(replica.url() + "/servers/" + STDIO + "/mcp", developerToken(), List.of(
                    step("callTool", "name", "trigger-long-running-operation", "arguments", Map.of("duration", 3, "steps", 3),
                            "_meta", Map.of("claudecode/toolUseId", toolUse), "cancelAfterMs", 300),
                    // The SDK sends the cancel on its own after rejecting the call: a request after it keeps the client
                    // open until the cancel is out (closing the transport would abort it).
                    step("ping")));
            assertTrue(session.path("results").path(0).has("error"), session::toString);
            JsonNode call = JSON.readTree(calls.awaitAll(r -> r.value().contains(toolUse), 1, Duration.ofSeconds(30)).getFirst().value());
            assertEquals("error", call.path("outcome").asText(), call::toString);
            assertTrue(call.path("error").asText().contains("Cancelled by the client"), call::toString);
            assertTrue(call.path("durationMicros").asLong() < 2_500_000, () -> "ended at the cancel, not when the upstream finished: " + call);
        }
    }

    @Test
    void anUpstreamsSamplingAndElicitationRequestsReachTheClientAndItsAnswersComeBack() throws Exception {
        for (String[] endpointAndPrefix : new String[][] {{"/servers/" + STDIO + "/mcp", ""}, {"/servers/" + HTTP + "/mcp", ""},
                {"/servers/" + SSE + "/mcp", ""}, {"/mcp", HTTP + "__"}}) {
            String prefix = endpointAndPrefix[1];
            JsonNode session = McpSdkClient.runAnswering(replica.url() + endpointAndPrefix[0], developerToken(), List.of(
                    step("callTool", "name", prefix + "trigger-sampling-request", "arguments", Map.of("prompt", "hi " + MARKER, "maxTokens", 10)),
                    step("callTool", "name", prefix + "trigger-elicitation-request", "arguments", Map.of())));
            assertFalse(session.has("connectError"), session::toString);
            JsonNode results = session.path("results");
            String sampled = text(results.path(0).path("ok"));
            assertTrue(sampled.contains("sampled: Resource trigger-sampling-request context: hi " + MARKER), () -> endpointAndPrefix[0] + ": " + results);
            String elicited = results.path(1).path("ok").path("content").toString();
            assertTrue(elicited.contains("- Name: ccos"), () -> endpointAndPrefix[0] + ": " + results);
            List<String> asked = new ArrayList<>();
            session.path("asked").forEach(request -> asked.add(request.path("method").asText()));
            assertEquals(List.of("sampling/createMessage", "elicitation/create"), asked, session::toString);
        }
    }

    @Test
    void aClientsAnswerThatLandsOnAnotherReplicaReachesTheCallWaitingForIt() throws Exception {
        String token = developerToken();
        String path = "/servers/" + STDIO + "/mcp";
        String session = initialize(replica.url() + path, token);
        try (StreamedCall call = StreamedCall.post(replica.url() + path, token, session, request(7, "tools/call",
                Map.of("name", "trigger-sampling-request", "arguments", Map.of("prompt", "across", "maxTokens", 5))))) {
            JsonNode asked = call.next(message -> "sampling/createMessage".equals(message.path("method").asText()), Duration.ofSeconds(30));
            Map<String, Object> answer = Map.of("jsonrpc", "2.0", "id", JSON.treeToValue(asked.get("id"), Object.class), "result", Map.of(
                    "role", "assistant", "model", "m", "content", Map.of("type", "text", "text", "answered on the other replica")));
            post(Stack.serviceUrl("mcp-gateway") + path, token, session, answer).then().statusCode(202);
            JsonNode result = call.next(message -> message.path("id").asInt() == 7, Duration.ofSeconds(30));
            assertTrue(text(result.path("result")).contains("answered on the other replica"), result::toString);
        }
    }

    @Test
    void aCancelThatLandsOnAnotherReplicaEndsTheCall() throws Exception {
        String token = developerToken();
        String path = "/servers/" + STDIO + "/mcp";
        String session = initialize(replica.url() + path, token);
        try (StreamedCall call = StreamedCall.post(replica.url() + path, token, session, request("long-" + MARKER, "tools/call",
                Map.of("name", "trigger-long-running-operation", "arguments", Map.of("duration", 20, "steps", 20),
                        "_meta", Map.of("progressToken", "p")))) ) {
            call.next(message -> "notifications/progress".equals(message.path("method").asText()), Duration.ofSeconds(30));
            post(Stack.serviceUrl("mcp-gateway") + path, token, session, Map.of("jsonrpc", "2.0", "method", "notifications/cancelled",
                    "params", Map.of("requestId", "long-" + MARKER, "reason", "the test cancels"))).then().statusCode(202);
            JsonNode result = call.next(message -> message.has("id"), Duration.ofSeconds(15));
            assertEquals(-32800, result.path("error").path("code").asInt(), result::toString);
        }
    }

    @Test
    void aSubscribedResourcesUpdatesReachTheSessionsStreamOnAnotherReplica() throws Exception {
        String token = developerToken();
        String path = "/servers/" + HTTP + "/mcp";
        String uri = "demo://resource/static/document/architecture.md";
        String session = initialize(replica.url() + path, token);
        // The stream is held by the suite's gateway (once its directory has the server); the upstream's connection is the replica's.
        try (StreamedCall stream = await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .until(() -> StreamedCall.listen(Stack.serviceUrl("mcp-gateway") + path, token, session, null), java.util.Objects::nonNull)) {
            assertTrue(json(post(replica.url() + path, token, session, request(2, "resources/subscribe", Map.of("uri", uri)))).has("result"));
            awaitUpdateWhileUpdating(replica.url() + path, token, session, stream, uri);
        }
    }

    @Test
    void aSubscriptionOutlivesItsUpstreamsRestart() throws Exception {
        String token = developerToken();
        String endpoint = replica.url() + "/servers/" + STDIO + "/mcp";
        String uri = "demo://resource/static/document/architecture.md";
        String session = initialize(endpoint, token);
        try (StreamedCall stream = StreamedCall.listen(endpoint, token, session, null)) {
            // Over stdio the server's log line about the subscription comes with the only call in flight: an event stream.
            try (StreamedCall subscribe = StreamedCall.post(endpoint, token, session, request(2, "resources/subscribe", Map.of("uri", uri)))) {
                subscribe.next(message -> message.has("result"), Duration.ofSeconds(30));
            }
            upstreamProcess().destroyForcibly();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertEquals("Echo: restarted", text(json(post(endpoint, token, session,
                    request(3, "tools/call", Map.of("name", "echo", "arguments", Map.of("message", "restarted"))))).path("result"))));
            // The new process was subscribed again: once it sends updates, they come.
            awaitUpdateWhileUpdating(endpoint, token, session, stream, uri);
        }
    }

    @Test
    void anAggregateSessionHearsThatItsListsChangedAndResumesAfterTheLastEventItGot() throws Exception {
        String token = developerToken();
        String endpoint = replica.url() + "/mcp";
        String session = initialize(endpoint, token);
        String added = "late-" + MARKER;
        String id = null;
        try {
            String lastSeen;
            try (StreamedCall stream = StreamedCall.listen(endpoint, token, session, null)) {
                id = GatewayFixtures.registerStdio(replica.url(), added, EverythingServer.stdioCommand(MARKER + "-late"));
                stream.next(message -> "notifications/tools/list_changed".equals(message.path("method").asText()), Duration.ofSeconds(30));
                stream.next(message -> "notifications/resources/list_changed".equals(message.path("method").asText()), Duration.ofSeconds(10));
                lastSeen = stream.lastEventId();
                assertTrue(lastSeen != null && !lastSeen.isEmpty(), "events carry ids");
            }
            GatewayFixtures.remove(replica.url(), id); // while the client is away
            id = null;
            try (StreamedCall resumed = StreamedCall.listen(endpoint, token, session, lastSeen)) {
                resumed.next(message -> "notifications/tools/list_changed".equals(message.path("method").asText()), Duration.ofSeconds(30));
                assertNotEquals(lastSeen, resumed.lastEventId(), "what it missed, not what it had");
            }
        } finally {
            if (id != null) {
                GatewayFixtures.remove(replica.url(), id);
            }
        }
    }

    @Test
    void aVirtualServerOffersItsSelectionOfOtherServersToolsAndNothingElse() throws Exception {
        String picked = "picked-" + MARKER;
        String later = "later-" + MARKER;
        String id = GatewayFixtures.register(replica.url(), Map.of("name", picked, "transport", "virtual", "tools", List.of(
                Map.of("server", STDIO, "tool", "echo"), Map.of("server", HTTP, "tool", "get-sum"), Map.of("server", later, "tool", "echo"))));
        String laterId = null;
        try {
            JsonNode session = McpSdkClient.run(replica.url() + "/servers/" + picked + "/mcp", developerToken(), List.of(
                    step("listTools"),
                    step("callTool", "name", STDIO + "__echo", "arguments", Map.of("message", "picked")),
                    step("callTool", "name", HTTP + "__get-sum", "arguments", Map.of("a", 2, "b", 3)),
                    step("callTool", "name", HTTP + "__echo", "arguments", Map.of("message", "not picked")),
                    step("listPrompts")));
            assertFalse(session.has("connectError"), session::toString);
            assertEquals(picked, session.path("serverVersion").path("name").asText());
            JsonNode results = session.path("results");
            assertEquals(List.of(STDIO + "__echo", HTTP + "__get-sum"), names(results.path(0).path("ok").path("tools")).stream().sorted().toList(),
                    () -> results.path(0).toString());
            assertEquals("Echo: picked", text(results.path(1).path("ok")));
            assertTrue(text(results.path(2).path("ok")).contains("5"), () -> results.path(2).toString());
            assertTrue(results.path(3).path("error").asText().contains("Unknown tool"), () -> results.path(3).toString());
            assertTrue(results.path(4).has("error"), () -> "a virtual server offers tools only: " + results.path(4));
            JsonNode aggregate = McpSdkClient.run(replica.url() + "/mcp", developerToken(), List.of(step("listTools")));
            assertTrue(names(aggregate.path("results").path(0).path("ok").path("tools")).stream().noneMatch(tool -> tool.startsWith(picked)),
                    "its tools are on /mcp under their own servers only");
            // A server it selects from comes: its sessions hear that their tools changed.
            String endpoint = replica.url() + "/servers/" + picked + "/mcp";
            String token = developerToken();
            try (StreamedCall stream = StreamedCall.listen(endpoint, token, initialize(endpoint, token), null)) {
                laterId = GatewayFixtures.registerStdio(replica.url(), later, EverythingServer.stdioCommand(MARKER + "-later"));
                stream.next(message -> "notifications/tools/list_changed".equals(message.path("method").asText()), Duration.ofSeconds(30));
            }
        } finally {
            GatewayFixtures.remove(replica.url(), id);
            GatewayFixtures.remove(replica.url(), laterId);
        }
    }

    @Test
    void aCallsTraceGoesFromTheClientThroughTheGatewayToTheUpstreamAndTheAuditRecord() throws Exception {
        String traceId = java.util.HexFormat.of().formatHex(new java.security.SecureRandom().generateSeed(16));
        String toolUse = "toolu_traced_" + MARKER;
        java.nio.file.Path seen = java.nio.file.Files.createTempFile("ccos-upstream-requests-", ".jsonl");
        String upstreamBase = httpUpstream.url().substring(0, httpUpstream.url().length() - "/mcp".length());
        try (var recording = io.ccos.testing.mcp.BearerPassThrough.start(upstreamBase, "unused", seen);
                TopicReader calls = new TopicReader(Topics.TOOL_CALLS)) {
            String traced = "evt-" + MARKER;
            String id = GatewayFixtures.registerHttp(replica.url(), traced, recording.url().replace("localhost", "127.0.0.1") + "/mcp");
            try {
                String endpoint = replica.url() + "/servers/" + traced + "/mcp";
                String token = developerToken();
                String session = initialize(endpoint, token);
                JsonNode answer = json(RestAssured.given().contentType(ContentType.JSON).accept("application/json, text/event-stream")
                        .header("Authorization", "Bearer " + token).header(GatewayFixtures.SESSION_HEADER, session)
                        .header("traceparent", "00-" + traceId + "-" + "00f067aa0ba902b7" + "-00")
                        .body(request(2, "tools/call", Map.of("name", "echo", "arguments", Map.of("message", "traced"),
                                "_meta", Map.of("claudecode/toolUseId", toolUse))))
                        .post(endpoint));
                assertEquals("Echo: traced", text(answer.path("result")), answer::toString);
                List<String> upstreamTraces = java.nio.file.Files.readAllLines(seen).stream().map(GovernedMcpTest::readTree)
                        .map(line -> line.path("headers").path("traceparent").asText("")).toList();
                assertTrue(upstreamTraces.stream().anyMatch(traceparent -> traceparent.contains(traceId)),
                        () -> "the upstream's request carries the caller's trace: " + upstreamTraces);
                var record = calls.awaitAll(r -> r.value().contains(toolUse), 1, Duration.ofSeconds(30)).getFirst();
                String recorded = new String(record.headers().lastHeader("traceparent").value(), java.nio.charset.StandardCharsets.UTF_8);
                assertEquals(traceId, recorded.split("-")[1], "the audit record carries the caller's trace");
            } finally {
                GatewayFixtures.remove(replica.url(), id);
            }
        }
    }

    @Test
    void policyDecidesOnTheArgumentsAndEveryCallIsAuditedWithClaudeCodesToolUseId() throws Exception {
        String secret = "classified-" + MARKER;
        HookFixtures.storeRegistry("""
                {"hooks": {"PreToolUse": [{"matcher": "mcp__%s__echo", "hooks": [{"type": "rule", "id": "no-classified",
                  "when": "tool_input.message.contains('classified')", "decision": "deny", "reason": "Classified text stays in (%s)"}]}]}}"""
                .formatted(STDIO, MARKER));
        String endpoint = replica.url() + "/servers/" + STDIO + "/mcp";
        String token = developerToken();
        String session = initialize(endpoint, token);
        String deniedUse = "toolu_denied_" + MARKER;
        String allowedUse = "toolu_allowed_" + MARKER;
        try (TopicReader calls = new TopicReader(Topics.TOOL_CALLS); TopicReader audit = new TopicReader(Topics.AUDIT)) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                JsonNode denied = json(post(endpoint, token, session, request(2, "tools/call", Map.of("name", "echo",
                        "arguments", Map.of("message", secret), "_meta", Map.of("claudecode/toolUseId", deniedUse)))));
                assertTrue(denied.path("result").path("isError").asBoolean(), denied::toString);
                assertEquals("Classified text stays in (" + MARKER + ")", text(denied.path("result")));
            });
            JsonNode allowed = json(post(endpoint, token, session, request(3, "tools/call", Map.of("name", "echo",
                    "arguments", Map.of("message", "public " + MARKER), "_meta", Map.of("claudecode/toolUseId", allowedUse)))));
            assertEquals("Echo: public " + MARKER, text(allowed.path("result")), allowed::toString);

            // Partitions interleave records: both are collected before they are looked at.
            Map<String, JsonNode> called = byCallId(calls.awaitAll(r -> r.value().contains(deniedUse) || r.value().contains(allowedUse), 2, Duration.ofSeconds(30)), "callId");
            // hook-service audits its PostToolUse decisions on these calls under the same resource: only the calls' own records count.
            Map<String, JsonNode> audited = byCallId(audit.awaitAll(r -> r.value().contains("\"action\":\"tool.call\"")
                    && (r.value().contains("tool_use/" + deniedUse) || r.value().contains("tool_use/" + allowedUse)), 2, Duration.ofSeconds(30)), "callId");
            for (String[] expected : new String[][] {{deniedUse, "denied"}, {allowedUse, "ok"}}) {
                JsonNode call = called.get(expected[0]);
                assertTrue(call != null, () -> "no ccos.tool.calls record for " + expected[0] + ": " + called);
                assertEquals(expected[1], call.path("outcome").asText(), call::toString);
                assertEquals(STDIO, call.path("server").asText());
                assertEquals("echo", call.path("tool").asText());
                assertEquals("globex-developer", call.path("user").asText());
                JsonNode record = audited.get(expected[0]);
                assertTrue(record != null, () -> "no audit record for " + expected[0] + ": " + audited);
                assertEquals("tool.call", record.path("action").asText());
                assertEquals(expected[1], record.path("outcome").asText());
                assertEquals("tool_use/" + expected[0], record.path("resource").asText());
            }
        }
    }

    /** Records by the id their data (or its details, for audit records) names under {@code field}. */
    private static Map<String, JsonNode> byCallId(List<org.apache.kafka.clients.consumer.ConsumerRecord<String, String>> records, String field) {
        Map<String, JsonNode> byId = new java.util.HashMap<>();
        for (var record : records) {
            JsonNode data = readTree(record.value());
            String id = data.has(field) ? data.path(field).asText() : data.path("details").path(field).asText();
            byId.put(id, data);
        }
        return byId;
    }

    @Test
    void aHookThatNeedsHookServiceFailsClosedWhenItCannotBeReached() throws Exception {
        HookFixtures.storeRegistry("""
                {"hooks": {"PreToolUse": [{"matcher": "mcp__%s__get-annotated-message", "hooks": [{"type": "command", "id": "guard-%s",
                  "command": ["/bin/true"]}]}]}}""".formatted(STDIO, MARKER));
        String endpoint = replica.url() + "/servers/" + STDIO + "/mcp";
        String token = developerToken();
        String session = initialize(endpoint, token);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            // A tool no other test calls: the registry stays in place after the test.
            JsonNode answer = json(post(endpoint, token, session, request(2, "tools/call", Map.of("name", "get-annotated-message",
                    "arguments", Map.of("messageType", "success")))));
            assertTrue(answer.path("result").path("isError").asBoolean(), answer::toString);
            assertTrue(text(answer.path("result")).contains("guard-" + MARKER), () -> "the deny names the hook that failed: " + answer);
        });
    }

    @Test
    void aSessionOpenedOnOneReplicaIsServedByAnyAndSurvivesTheLossOfOne() throws Exception {
        String token = developerToken();
        String suiteGateway = Stack.serviceUrl("mcp-gateway") + "/mcp";
        try (ServiceReplica third = ServiceReplica.start(Stack.repositoryRoot(), "mcp-gateway", "mcp-gateway-3", Stack.freePort(), Map.of())) {
            String session = initialize(third.url() + "/mcp", token);
            for (int call = 0; call < 4; call++) { // alternate requests of one session between the two replicas
                String base = call % 2 == 0 ? third.url() + "/mcp" : suiteGateway;
                JsonNode answer = json(post(base, token, session, request(10 + call, "ping", null)));
                assertTrue(answer.has("result"), () -> base + ": " + answer);
            }
            third.close();
            JsonNode afterLoss = json(post(suiteGateway, token, session, request(20, "tools/list", null)));
            assertTrue(afterLoss.path("result").has("tools"), afterLoss::toString);
        }
    }

    @Test
    void anUpstreamThatCrashesIsRestartedAndTheNextCallSucceeds() throws Exception {
        String endpoint = replica.url() + "/servers/" + STDIO + "/mcp";
        String token = developerToken();
        String session = initialize(endpoint, token);
        assertEquals("Echo: before", text(json(post(endpoint, token, session,
                request(2, "tools/call", Map.of("name", "echo", "arguments", Map.of("message", "before"))))).path("result")));
        ProcessHandle first = upstreamProcess();
        first.destroyForcibly();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode answer = json(post(endpoint, token, session, request(3, "tools/call", Map.of("name", "echo", "arguments", Map.of("message", "after")))));
            assertEquals("Echo: after", text(answer.path("result")), answer::toString);
        });
        assertNotEquals(first.pid(), upstreamProcess().pid(), "a new process serves the server");
    }

    @Test
    void aCallThatHangsTimesOutWithoutHoldingUpOtherCallers() throws Exception {
        String endpoint = replica.url() + "/servers/" + HTTP + "/mcp";
        String token = developerToken();
        String session = initialize(endpoint, token);
        CompletableFuture<JsonNode> hanging = CompletableFuture.supplyAsync(() -> readTree(post(endpoint, token, session,
                request(2, "tools/call", Map.of("name", "trigger-long-running-operation", "arguments", Map.of("duration", 30, "steps", 2))))
                .asString()));
        JsonNode meanwhile = json(post(endpoint, token, session, request(3, "tools/call", Map.of("name", "echo", "arguments", Map.of("message", "meanwhile")))));
        assertEquals("Echo: meanwhile", text(meanwhile.path("result")), meanwhile::toString);
        JsonNode timedOut = hanging.get(30, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals(-32001, timedOut.path("error").path("code").asInt(), timedOut::toString);
        assertTrue(timedOut.path("error").path("message").asText().contains("did not answer within 4000 ms"), timedOut::toString);
    }

    @Test
    void aStdioServerGetsNoneOfTheGatewaysSecrets() throws Exception {
        String endpoint = replica.url() + "/servers/" + STDIO + "/mcp";
        String token = developerToken();
        String env = text(json(post(endpoint, token, initialize(endpoint, token), request(2, "tools/call", Map.of("name", "get-env")))).path("result"));
        assertTrue(env.contains("PATH"), env);
        for (String secret : List.of("CCOS_OIDC_CLIENT_SECRET", "CCOS_GATEWAY_SESSION_KEY", "CCOS_GATEWAY_VARIABLES_KEY", "CCOS_HTTP_PORT")) {
            assertFalse(env.contains(secret), () -> secret + " reached the upstream: " + env);
        }
    }

    /** Turns server-everything's simulated resource updates on for the session's upstream, awaits one of {@code uri} on the stream, and turns them off. */
    private static void awaitUpdateWhileUpdating(String endpoint, String token, String session, StreamedCall stream, String uri)
            throws Exception {
        Map<String, Object> toggle = request("toggle-" + UUID.randomUUID(), "tools/call", Map.of("name", "toggle-subscriber-updates", "arguments", Map.of()));
        String started = text(json(post(endpoint, token, session, toggle)).path("result"));
        try {
            JsonNode updated = stream.next(message -> "notifications/resources/updated".equals(message.path("method").asText()), Duration.ofSeconds(30));
            assertEquals(uri, updated.path("params").path("uri").asText(), updated::toString);
        } finally {
            if (started.startsWith("Started")) {
                post(endpoint, token, session, toggle);
            }
        }
    }

    /** The stdio server's process under the replica, found by the marker in its argv. */
    private static ProcessHandle upstreamProcess() {
        return replica.process().descendants()
                .filter(p -> p.info().arguments().map(args -> List.of(args).contains("--ccos-test=" + MARKER)).orElse(false))
                .findFirst().orElseThrow(() -> new AssertionError("no stdio server process of " + STDIO));
    }

    private static List<String> names(JsonNode list) {
        List<String> names = new ArrayList<>();
        list.forEach(item -> names.add(item.path("name").asText()));
        return names;
    }

    private static JsonNode readTree(String text) {
        try {
            return JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
