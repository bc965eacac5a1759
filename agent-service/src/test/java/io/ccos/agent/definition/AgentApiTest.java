package io.ccos.agent.definition;

import static io.ccos.testing.http.Api.anonymous;
import static io.ccos.testing.http.Api.as;
import static io.ccos.testing.http.Api.assertProblem;
import static org.hamcrest.Matchers.equalTo;

import io.ccos.contracts.problem.ProblemType;
import io.ccos.contracts.security.Roles;
import io.ccos.testing.auth.TestUser;
import io.ccos.testing.stack.IsolatedService;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(IsolatedService.class)
class AgentApiTest {

    private final Map<String, Object> reviewer = Map.of(
            "name", "reviewer-" + UUID.randomUUID().toString().substring(0, 8),
            "description", "Reviews a diff for bugs",
            "tools", List.of("Read", "Grep"),
            "prompt", "You review code. Report bugs only.");

    @Test
    void withoutTokenIs401() {
        assertProblem(anonymous().body(reviewer).post("/api/v1/agents").then(), ProblemType.UNAUTHENTICATED);
    }

    @Test
    void agentsReadButDoNotDefine() {
        assertProblem(as(TestUser.ACME, Roles.AGENT).body(reviewer).post("/api/v1/agents").then(), ProblemType.FORBIDDEN);
        as(TestUser.ACME, Roles.AGENT).get("/api/v1/agents").then().statusCode(200);
    }

    @Test
    void definitionsStayInTheirTenant() {
        String id = as(TestUser.ACME, Roles.DEVELOPER).body(reviewer).post("/api/v1/agents").then()
                .statusCode(201).body("tenant", equalTo("acme")).extract().path("id");

        as(TestUser.ACME, Roles.AGENT).get("/api/v1/agents/" + id).then().statusCode(200).body("tools[1]", equalTo("Grep"));
        assertProblem(as(TestUser.GLOBEX, Roles.DEVELOPER).get("/api/v1/agents/" + id).then(), ProblemType.NOT_FOUND);
    }

    @Test
    void invalidDefinitionIsAValidationProblem() {
        assertProblem(as(TestUser.ACME, Roles.DEVELOPER).body(Map.of("name", "Bad Name", "prompt", " "))
                .post("/api/v1/agents").then(), ProblemType.VALIDATION);
    }
}
