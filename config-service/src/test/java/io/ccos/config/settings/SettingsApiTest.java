package io.ccos.config.settings;

import static io.ccos.testing.http.Api.anonymous;
import static io.ccos.testing.http.Api.allPages;
import static io.ccos.testing.http.Api.as;
import static io.ccos.testing.http.Api.assertProblem;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.hamcrest.Matchers.equalTo;

import io.ccos.contracts.problem.ProblemType;
import io.ccos.contracts.security.Roles;
import io.ccos.testing.auth.TestUser;
import io.ccos.testing.stack.IsolatedService;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Settings API against the real Keycloak, PostgreSQL and Kafka. */
@QuarkusTest
@WithTestResource(IsolatedService.class)
class SettingsApiTest {

    private static final String ACME = TestUser.ACME;
    private static final String GLOBEX = TestUser.GLOBEX;

    private final String name = "test-" + UUID.randomUUID().toString().substring(0, 8);
    private final String path = "/api/v1/settings/managed/" + name;

    @Test
    void withoutTokenIs401WithBearerChallenge() {
        assertProblem(anonymous().get("/api/v1/settings").then(), ProblemType.UNAUTHENTICATED)
                .header("WWW-Authenticate", equalTo("Bearer realm=\"ccos\""));
    }

    @Test
    void forgedTokenIs401() {
        assertProblem(RestAssured.given().auth().oauth2("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln")
                .get("/api/v1/settings").then(), ProblemType.UNAUTHENTICATED);
    }

    @Test
    void withoutRoleIs403() {
        assertProblem(as(ACME, TestUser.NO_ROLE).get("/api/v1/settings").then(), ProblemType.FORBIDDEN);
    }

    @Test
    void developerReadsButCannotWrite() {
        assertProblem(as(ACME, Roles.DEVELOPER).body(Map.of("model", "opus")).put(path).then(), ProblemType.FORBIDDEN);
        as(ACME, Roles.DEVELOPER).get("/api/v1/settings").then().statusCode(200);
    }

    @Test
    void tenantAdminWritesVersionsThatOnlyItsTenantSees() {
        as(ACME, Roles.TENANT_ADMIN).body(Map.of("model", "sonnet")).put(path).then()
                .statusCode(200).body("version", equalTo(1)).body("tenant", equalTo(ACME));
        as(ACME, Roles.TENANT_ADMIN).body(Map.of("model", "opus")).put(path).then()
                .statusCode(200).body("version", equalTo(2)).body("updatedBy", equalTo("acme-tenant-admin"));

        as(ACME, Roles.DEVELOPER).get(path).then().statusCode(200).body("content.model", equalTo("opus"));
        assertProblem(as(GLOBEX, Roles.TENANT_ADMIN).get(path).then(), ProblemType.NOT_FOUND);
        assertTrue(allPages(() -> as(GLOBEX, Roles.TENANT_ADMIN), "/api/v1/settings").stream()
                .noneMatch(document -> name.equals(document.get("name"))), "globex's list does not show acme's " + name);
        // Writing the same name in another tenant creates that tenant's own document.
        as(GLOBEX, Roles.TENANT_ADMIN).body(Map.of("model", "haiku")).put(path).then().statusCode(200).body("version", equalTo(1));
        as(ACME, Roles.DEVELOPER).get(path).then().statusCode(200).body("content.model", equalTo("opus"));
    }

    @Test
    void badInputIsAProblemNotAStackTrace() {
        assertProblem(as(ACME, Roles.TENANT_ADMIN).body("{\"model\":").put(path).then(), ProblemType.BAD_REQUEST);
        assertProblem(as(ACME, Roles.TENANT_ADMIN).body("[1,2]").put(path).then(), ProblemType.BAD_REQUEST);
        assertProblem(as(ACME, Roles.TENANT_ADMIN).body(Map.of()).put("/api/v1/settings/managed/Not_A_Slug").then(), ProblemType.VALIDATION)
                .body("errors[0].field", equalTo("name"));
        assertProblem(as(ACME, Roles.TENANT_ADMIN).body(Map.of()).put("/api/v1/settings/global/" + name).then(), ProblemType.NOT_FOUND);
        assertProblem(as(ACME, Roles.TENANT_ADMIN).get("/api/v1/no-such-thing").then(), ProblemType.NOT_FOUND);
    }
}
