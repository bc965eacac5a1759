package io.ccos.config.settings;

import static io.ccos.testing.http.Api.as;
import static io.ccos.testing.http.Api.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.ccos.contracts.problem.ProblemType;
import io.ccos.contracts.security.Roles;
import io.ccos.testing.auth.TestUser;
import io.ccos.testing.stack.IsolatedService;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Optimistic concurrency on settings documents: ETag on every answer, If-Match and If-None-Match on writes. */
@QuarkusTest
@WithTestResource(IsolatedService.class)
class SettingsConcurrencyTest {

    private static String path() {
        return "/api/v1/settings/project/etag-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void ofTwoWritersThatReadTheSameVersionExactlyOneWins() throws Exception {
        String path = path();
        as(TestUser.ACME, Roles.TENANT_ADMIN).body(Map.of("model", "sonnet")).put(path).then().statusCode(200).header("ETag", "\"1\"");
        String read = as(TestUser.ACME, Roles.TENANT_ADMIN).get(path).then().statusCode(200).extract().header("ETag");
        assertEquals("\"1\"", read);

        int writers = 6;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                String model = "model-" + i;
                answers.add(pool.submit(() -> {
                    start.await();
                    return as(TestUser.ACME, Roles.TENANT_ADMIN).header("If-Match", read).body(Map.of("model", model))
                            .put(path).then().extract().statusCode();
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get());
            }
            assertEquals(1, statuses.stream().filter(status -> status == 200).count(), "exactly one writer wins: " + statuses);
            assertEquals(writers - 1, statuses.stream().filter(status -> status == 412).count(), "the others are told: " + statuses);
        } finally {
            pool.shutdownNow();
        }
        as(TestUser.ACME, Roles.TENANT_ADMIN).get(path).then().statusCode(200).header("ETag", "\"2\"");
    }

    @Test
    void aStaleTagOrACreateOnlyWriteOfAnExistingDocumentIsAPreconditionFailure() {
        String path = path();
        as(TestUser.ACME, Roles.TENANT_ADMIN).header("If-None-Match", "*").body(Map.of("a", 1)).put(path).then().statusCode(200);
        as(TestUser.ACME, Roles.TENANT_ADMIN).header("If-Match", "\"1\"").body(Map.of("a", 2)).put(path).then().statusCode(200).header("ETag", "\"2\"");

        assertProblem(as(TestUser.ACME, Roles.TENANT_ADMIN).header("If-Match", "\"1\"").body(Map.of("a", 3)).put(path).then(),
                ProblemType.PRECONDITION_FAILED);
        assertProblem(as(TestUser.ACME, Roles.TENANT_ADMIN).header("If-None-Match", "*").body(Map.of("a", 3)).put(path).then(),
                ProblemType.PRECONDITION_FAILED);
        as(TestUser.ACME, Roles.TENANT_ADMIN).get(path).then().statusCode(200).header("ETag", "\"2\"");
    }

    @Test
    void aDocumentBeyondTheSizeOfItsKindIsRefused() {
        assertProblem(as(TestUser.ACME, Roles.TENANT_ADMIN).body(Map.of("pad", "x".repeat(300 * 1024))).put(path()).then(),
                ProblemType.PAYLOAD_TOO_LARGE);
    }

    /** Numbers come back as sent, not as doubles: 1e400 is no Infinity, 22 decimals are not rounded to 0.1. */
    @Test
    void numbersAreKeptExactly() throws Exception {
        String path = path();
        as(TestUser.ACME, Roles.TENANT_ADMIN).body("{\"huge\":1e400,\"fine\":0.1000000000000000000001,\"big\":123456789012345678901234567890}")
                .put(path).then().statusCode(200);
        var read = as(TestUser.ACME, Roles.TENANT_ADMIN).get(path).then().statusCode(200).extract();
        JsonNode content = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true)).readTree(read.asString()).path("content");
        assertEquals(0, new BigDecimal("1e400").compareTo(content.path("huge").decimalValue()), read.asString());
        assertEquals(new BigDecimal("0.1000000000000000000001"), content.path("fine").decimalValue(), read.asString());
        assertEquals(new BigInteger("123456789012345678901234567890"), content.path("big").bigIntegerValue(), read.asString());
    }

    @Test
    void theSameContentAgainMakesNoNewVersion() {
        String path = path();
        as(TestUser.ACME, Roles.TENANT_ADMIN).body(Map.of("model", "opus", "n", 0.5)).put(path).then().statusCode(200).header("ETag", "\"1\"");
        as(TestUser.ACME, Roles.TENANT_ADMIN).body(Map.of("model", "opus", "n", 0.5)).put(path).then().statusCode(200)
                .header("ETag", "\"1\"");
        as(TestUser.ACME, Roles.TENANT_ADMIN).body(Map.of("model", "haiku", "n", 0.5)).put(path).then().statusCode(200)
                .header("ETag", "\"2\"");
    }
}
