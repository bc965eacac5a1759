package io.ccos.session.catalog;

import static io.ccos.testing.http.Api.anonymous;
import static io.ccos.testing.http.Api.as;
import static io.ccos.testing.http.Api.assertProblem;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItems;

import io.ccos.contracts.problem.ProblemType;
import io.ccos.contracts.security.Roles;
import io.ccos.testing.auth.TestUser;
import io.ccos.testing.stack.IsolatedService;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(IsolatedService.class)
class SessionApiTest {

    private final Map<String, String> registration = Map.of(
            "claudeSessionId", UUID.randomUUID().toString(), "project", "/home/dev/shop");

    @Test
    void withoutTokenIs401() {
        assertProblem(anonymous().body(registration).post("/api/v1/sessions").then(), ProblemType.UNAUTHENTICATED);
        assertProblem(anonymous().get("/api/v1/sessions/" + UUID.randomUUID()).then(), ProblemType.UNAUTHENTICATED);
    }

    @Test
    void wrongRoleIs403() {
        assertProblem(as(TestUser.ACME, Roles.AUDITOR).body(registration).post("/api/v1/sessions").then(), ProblemType.FORBIDDEN);
        assertProblem(as(TestUser.ACME, TestUser.NO_ROLE).get("/api/v1/sessions/" + UUID.randomUUID()).then(), ProblemType.FORBIDDEN);
    }

    @Test
    void developerRegistersASessionItsTenantReadsAndNoOtherTenantSees() {
        String id = as(TestUser.ACME, Roles.DEVELOPER).body(registration).post("/api/v1/sessions").then()
                .statusCode(201)
                .header("Location", containsString("/api/v1/sessions/"))
                .body("tenant", equalTo("acme"))
                .body("registeredBy", equalTo("acme-developer"))
                .extract().path("id");

        as(TestUser.ACME, Roles.AUDITOR).get("/api/v1/sessions/" + id).then().statusCode(200)
                .body("claudeSessionId", equalTo(registration.get("claudeSessionId")));
        assertProblem(as(TestUser.GLOBEX, Roles.AUDITOR).get("/api/v1/sessions/" + id).then(), ProblemType.NOT_FOUND);
        assertProblem(as(TestUser.ACME, Roles.DEVELOPER).body(registration).post("/api/v1/sessions").then(), ProblemType.CONFLICT);
    }

    @Test
    void invalidRegistrationIsAValidationProblem() {
        assertProblem(as(TestUser.ACME, Roles.DEVELOPER).body(Map.of("project", "")).post("/api/v1/sessions").then(),
                ProblemType.VALIDATION).body("errors.field", hasItems("claudeSessionId", "project"));
        assertProblem(as(TestUser.ACME, Roles.DEVELOPER).get("/api/v1/sessions/not-a-uuid").then(), ProblemType.NOT_FOUND);
    }
}
