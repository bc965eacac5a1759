package io.ccos.systemtests.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ccos.contracts.problem.Problem;
import io.ccos.contracts.problem.ProblemType;
import io.ccos.contracts.security.Roles;
import io.ccos.systemtests.hostile.OpenApiEndpoints.Endpoint;
import io.ccos.testing.auth.TestUser;
import io.ccos.testing.auth.Tokens;
import io.ccos.testing.stack.Stack;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
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
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The hostile-input corpus (issue 12), run against every running service. The endpoints come from each
 * service's own OpenAPI document, so an endpoint added later is covered without new test code: every
 * operation meets spoiled path parameters and bad credentials, every write operation the spoiled bodies of
 * {@link HostileCase}. Every answer must be below 500, a 4xx must be a problem document, no body may show
 * a stack trace or SQL, the service must stay ready, and its log must hold no forged line and no new error.
 */
class HostileInputTest {

    /** What must never reach a caller: traces of Java, the database or the framework. */
    private static final List<String> LEAKS = List.of("Exception", "\tat ", "Caused by", "org.hibernate", "io.vertx",
            "io.quarkus", "java.lang", "PgException", "SQLSTATE", "ERROR:", "syntax error");
    /** An ERROR record of the plain-text format ("2026-12-01 23:20:19,869 ERROR [...") or of the JSON one. */
    private static final Pattern ERROR_RECORD = Pattern.compile("^\\S+ \\S+ ERROR |\"level\":\"ERROR\"");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TestFactory
    Stream<DynamicNode> everyEndpointOfEveryServiceAnswersHostileInputWithProblems() {
        return Stack.services().stream().map(service -> {
            String url = Stack.serviceUrl(service.name());
            String token = Tokens.of(TestUser.ACME, Roles.PLATFORM_ADMIN);
            OpenApiEndpoints api = OpenApiEndpoints.of(url, token);
            Path log = Stack.repositoryRoot().resolve(".ccos/logs/" + service.name() + ".log");
            long logStart = size(log);
            String marker = "FORGED-" + UUID.randomUUID().toString().substring(0, 8);
            List<DynamicNode> nodes = new ArrayList<>();
            for (Endpoint endpoint : api.endpoints()) {
                nodes.add(DynamicContainer.dynamicContainer(endpoint.toString(), cases(api, endpoint, marker).stream()
                        .map(hostile -> DynamicTest.dynamicTest(hostile.name(), () -> assertSafe(send(url, endpoint, hostile, token),
                                service.name() + " " + endpoint + ", " + hostile.name())))));
                if (endpoint.method().equals("GET")) {
                    for (String target : rawTargets(api, endpoint)) {
                        nodes.add(DynamicTest.dynamicTest(endpoint + " as raw target " + target, () -> {
                            RawHttp.Answer answer = RawHttp.get(url, target, token);
                            assertEquals(400, answer.status(), service.name() + " GET " + target + ": " + abbreviated(answer.body()));
                            assertSafe(answer.status(), answer.header("Content-Type"), answer.body(), service.name() + " GET " + target);
                        }));
                    }
                }
                if (endpoint.writes() && endpoint.bodySchema() != null) {
                    nodes.add(DynamicTest.dynamicTest(endpoint + " with a 2 MB chunked body", () -> {
                        HttpResponse<String> answer = sendChunked(url, endpoint, valid(api, endpoint), token);
                        // The corpus's platform admin may not call every operation: a 403 comes before the body is read.
                        if (answer.statusCode() != ProblemType.FORBIDDEN.status()) {
                            assertProblem(answer, ProblemType.PAYLOAD_TOO_LARGE, service.name() + " " + endpoint);
                        } else {
                            assertProblem(answer, ProblemType.FORBIDDEN, service.name() + " " + endpoint);
                        }
                    }));
                }
                nodes.add(DynamicTest.dynamicTest(endpoint + " without a token", () -> assertProblem(
                        send(url, endpoint, valid(api, endpoint), null), ProblemType.UNAUTHENTICATED, service.name() + " " + endpoint)));
            }
            nodes.add(DynamicTest.dynamicTest("still ready, and the log holds no forged line and no error", () -> {
                HttpResponse<String> ready = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, ready.statusCode(), service.name() + " readiness after the corpus: " + ready.body());
                for (String health : List.of("/q/health", "/q/health/group/dependencies")) {
                    String body = HTTP.send(HttpRequest.newBuilder(URI.create(url + health)).build(), HttpResponse.BodyHandlers.ofString()).body();
                    for (String address : List.of("127.0.0.1", "localhost", "://", ":9092", ":5432", ":8180", "jdbc")) {
                        assertFalse(body.contains(address), service.name() + " " + health + " names an address (" + address + "): " + body);
                    }
                }
                for (String line : linesSince(log, logStart)) {
                    assertFalse(line.startsWith(marker), service.name() + " log has a forged line: " + line);
                    assertFalse(ERROR_RECORD.matcher(line).find() || line.startsWith("\tat "),
                            service.name() + " logged an error during the corpus: " + line);
                }
            }));
            return DynamicContainer.dynamicContainer(service.name() + " (" + api.endpoints().size() + " operations)", nodes);
        });
    }

    private static List<HostileCase> cases(OpenApiEndpoints api, Endpoint endpoint, String marker) {
        HostileCase valid = valid(api, endpoint);
        List<HostileCase> cases = new ArrayList<>(HostileCase.paths(valid.body(), valid.pathValues(), marker));
        cases.addAll(HostileCase.headers(valid.body(), valid.pathValues()));
        cases.addAll(HostileCase.queries(valid.body(), valid.pathValues(), endpoint.queryParameters()));
        if (endpoint.writes() && endpoint.bodySchema() != null) {
            cases.addAll(HostileCase.bodies(Samples.of(endpoint.bodySchema(), api), valid.pathValues()));
        }
        return cases;
    }

    private static HostileCase valid(OpenApiEndpoints api, Endpoint endpoint) {
        Map<String, String> values = new LinkedHashMap<>();
        endpoint.pathParameters().forEach((name, schema) -> values.put(name, Samples.pathValue(schema, api)));
        String body = endpoint.bodySchema() == null ? "" : Samples.of(endpoint.bodySchema(), api).toString();
        return new HostileCase("valid", HostileCase.JSON, body, values, Map.of());
    }

    private static HttpResponse<String> send(String url, Endpoint endpoint, HostileCase hostile, String token) throws Exception {
        String path = endpoint.path();
        for (Map.Entry<String, String> value : hostile.pathValues().entrySet()) {
            path = path.replace("{" + value.getKey() + "}", value.getValue());
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + path + hostile.query())).timeout(Duration.ofSeconds(30));
        boolean hasBody = !"GET".equals(endpoint.method()) && !"DELETE".equals(endpoint.method());
        request.method(endpoint.method(), hasBody
                ? HttpRequest.BodyPublishers.ofString(hostile.body(), StandardCharsets.UTF_8)
                : HttpRequest.BodyPublishers.noBody());
        if (hasBody) {
            request.header("Content-Type", hostile.contentType());
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        hostile.headers().forEach(request::setHeader);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * A valid body behind 2 MB of leading whitespace, sent without a Content-Length (chunked): what the edge
     * cannot judge before reading must still be cut off at ccos.edge.max-body-size with a problem.
     */
    private static HttpResponse<String> sendChunked(String url, Endpoint endpoint, HostileCase valid, String token) throws Exception {
        String path = endpoint.path();
        for (Map.Entry<String, String> value : valid.pathValues().entrySet()) {
            path = path.replace("{" + value.getKey() + "}", value.getValue());
        }
        byte[] body = (" ".repeat(2 * 1024 * 1024) + valid.body()).getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(30))
                .method(endpoint.method(), HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .header("Content-Type", HostileCase.JSON)
                .header("Authorization", "Bearer " + token)
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Request targets java.net.http will not send: broken percent-escapes in the path and in the query. */
    private static List<String> rawTargets(OpenApiEndpoints api, Endpoint endpoint) {
        HostileCase valid = valid(api, endpoint);
        String path = endpoint.path();
        for (Map.Entry<String, String> value : valid.pathValues().entrySet()) {
            path = path.replace("{" + value.getKey() + "}", value.getValue());
        }
        List<String> targets = new ArrayList<>(List.of(path + "?x=%ZZ", path + "?x=%", path + "%", path + "%G0", path + "/a{b}",
                path + "?q=a|b", path + "?q=\"x\"", path + "/a%20b%"));
        for (String parameter : endpoint.queryParameters()) {
            targets.add(path + "?" + parameter + "=%Z");
        }
        return targets;
    }

    static void assertSafe(HttpResponse<String> response, String what) throws IOException {
        assertSafe(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body(), what);
    }

    static void assertSafe(int status, String type, String body, String what) throws IOException {
        assertTrue(status > 0 && status < 500, what + " answered " + status + ": " + abbreviated(body));
        if (status >= 400) {
            assertTrue(type.startsWith(Problem.MEDIA_TYPE), what + " answered " + status + " as '" + type + "': " + abbreviated(body));
            JsonNode problem = JSON.readTree(body);
            assertEquals(status, problem.path("status").asInt(), what + ": the problem's status");
            assertTrue(problem.path("type").asText().startsWith(ProblemType.BASE_URI), what + ": the problem's type");
        }
        assertNoLeak(body, what);
    }

    private static void assertNoLeak(String body, String what) {
        for (String leak : LEAKS) {
            assertFalse(body.contains(leak), what + " shows '" + leak + "': " + abbreviated(body));
        }
    }

    private static void assertProblem(HttpResponse<String> response, ProblemType expected, String what) throws IOException {
        assertSafe(response, what);
        assertEquals(expected.status(), response.statusCode(), what + ": " + abbreviated(response.body()));
        assertEquals(expected.uri().toString(), JSON.readTree(response.body()).path("type").asText(), what);
    }

    private static String abbreviated(String body) {
        return body.length() > 400 ? body.substring(0, 400) + "..." : body;
    }

    private static long size(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private static List<String> linesSince(Path log, long offset) throws IOException {
        if (!Files.exists(log)) {
            return List.of();
        }
        byte[] all = Files.readAllBytes(log);
        int from = (int) Math.min(offset, all.length);
        return new String(all, from, all.length - from, StandardCharsets.UTF_8).lines().toList();
    }
}
