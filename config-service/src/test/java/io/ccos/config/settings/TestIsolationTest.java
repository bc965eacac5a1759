package io.ccos.config.settings;

import static io.ccos.testing.http.Api.as;
import static io.ccos.testing.http.Api.assertProblem;

import io.ccos.contracts.problem.ProblemType;
import io.ccos.contracts.security.Roles;
import io.ccos.testing.auth.TestUser;
import io.ccos.testing.stack.IsolatedService;
import io.ccos.testing.stack.Stack;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The service under test and the copy `./suite up` runs share PostgreSQL, Kafka and Keycloak but not their
 * data: what one stores, the other does not see. So an in-process test cannot pass because the running
 * service did the work.
 */
@QuarkusTest
@WithTestResource(IsolatedService.class)
class TestIsolationTest {

    private final String running = Stack.serviceUrl("config-service");

    @Test
    void whatTheRunningServiceStoresIsNotSeenInProcessAndTheOtherWayRound() {
        String storedByRunning = "iso-" + UUID.randomUUID().toString().substring(0, 8);
        as(TestUser.ACME, Roles.TENANT_ADMIN).baseUri(running).body(Map.of("model", "opus"))
                .put("/api/v1/settings/user/" + storedByRunning).then().statusCode(200);
        as(TestUser.ACME, Roles.AUDITOR).baseUri(running).get("/api/v1/settings/user/" + storedByRunning).then().statusCode(200);
        assertProblem(as(TestUser.ACME, Roles.AUDITOR).get("/api/v1/settings/user/" + storedByRunning).then(), ProblemType.NOT_FOUND);

        String storedInProcess = "iso-" + UUID.randomUUID().toString().substring(0, 8);
        as(TestUser.ACME, Roles.TENANT_ADMIN).body(Map.of("model", "haiku"))
                .put("/api/v1/settings/user/" + storedInProcess).then().statusCode(200);
        as(TestUser.ACME, Roles.AUDITOR).get("/api/v1/settings/user/" + storedInProcess).then().statusCode(200);
        assertProblem(as(TestUser.ACME, Roles.AUDITOR).baseUri(running).get("/api/v1/settings/user/" + storedInProcess).then(),
                ProblemType.NOT_FOUND);
    }
}
