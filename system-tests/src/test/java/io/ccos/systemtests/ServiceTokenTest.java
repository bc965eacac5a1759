package io.ccos.systemtests;

import static io.ccos.testing.http.Api.as;
import static io.ccos.testing.http.Api.asService;
import static io.ccos.testing.http.Api.assertProblem;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.equalTo;

import io.ccos.contracts.problem.ProblemType;
import io.ccos.contracts.security.Roles;
import io.ccos.testing.auth.TestUser;
import io.ccos.testing.stack.Stack;
import io.restassured.RestAssured;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** Service-to-service calls: a client-credentials token of one service, acting for a named tenant. */
@Order(2)
class ServiceTokenTest {

    @Test
    void aServiceActsForTheTenantItNamesAndOnlyWhereTheServiceRoleIsAllowed() {
        String hookService = Stack.serviceUrl("hook-service");
        String globexDocument = as(TestUser.GLOBEX, Roles.TENANT_ADMIN).baseUri(Stack.serviceUrl("config-service"))
                .body(Map.of("model", "haiku")).put("/api/v1/settings/user/svc-" + UUID.randomUUID().toString().substring(0, 8))
                .then().statusCode(200).extract().path("id");
        String acmeDocument = as(TestUser.ACME, Roles.TENANT_ADMIN).baseUri(Stack.serviceUrl("config-service"))
                .body(Map.of("model", "opus")).put("/api/v1/settings/user/svc-" + UUID.randomUUID().toString().substring(0, 8))
                .then().statusCode(200).extract().path("id");
        // By id: the list is paged, and the running stack's tenants hold documents of earlier runs.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> asService("mcp-gateway", TestUser.GLOBEX).baseUri(hookService)
                .get("/api/v1/known-config/" + globexDocument).then().statusCode(200).body("tenant", equalTo(TestUser.GLOBEX)));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> asService("mcp-gateway", TestUser.ACME).baseUri(hookService)
                .get("/api/v1/known-config/" + acmeDocument).then().statusCode(200).body("tenant", equalTo(TestUser.ACME)));
        assertProblem(asService("mcp-gateway", TestUser.ACME).baseUri(hookService).get("/api/v1/known-config/" + globexDocument).then(),
                ProblemType.NOT_FOUND);
        asService("mcp-gateway", TestUser.ACME).baseUri(hookService).get("/api/v1/known-config?limit=500").then().statusCode(200)
                .body("documentId", not(hasItem(globexDocument)))
                .body("tenant", everyItem(equalTo(TestUser.ACME)));
        assertProblem(asService("mcp-gateway", null).baseUri(hookService).get("/api/v1/known-config").then(), ProblemType.NO_TENANT);
        assertProblem(asService("mcp-gateway", TestUser.ACME).baseUri(Stack.serviceUrl("config-service"))
                .body(Map.of()).put("/api/v1/settings/managed/policy").then(), ProblemType.FORBIDDEN);
    }

    @Test
    void everyServiceRejectsCallsWithoutTokenAndServesHealthWithout() {
        Map<String, String> endpoints = Map.of(
                "config-service", "/api/v1/settings",
                "session-service", "/api/v1/sessions/" + UUID.randomUUID(),
                "hook-service", "/api/v1/known-config",
                "mcp-gateway", "/api/v1/upstreams",
                "agent-service", "/api/v1/agents");
        endpoints.forEach((service, path) -> {
            String url = Stack.serviceUrl(service);
            assertProblem(RestAssured.given().baseUri(url).get(path).then(), ProblemType.UNAUTHENTICATED);
            RestAssured.given().baseUri(url).get("/q/metrics").then().statusCode(401);
            asService("agent-service", null).baseUri(url).get("/q/metrics").then().statusCode(200);
            RestAssured.given().baseUri(url).get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        });
    }
}
