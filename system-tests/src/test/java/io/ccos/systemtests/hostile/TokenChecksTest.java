package io.ccos.systemtests.hostile;

import static io.ccos.testing.http.Api.assertProblem;

import io.ccos.contracts.problem.ProblemType;
import io.ccos.contracts.security.Roles;
import io.ccos.testing.auth.TestUser;
import io.ccos.testing.auth.Tokens;
import io.ccos.testing.stack.Stack;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

/**
 * Only access tokens issued for the ccos API authenticate: an ID token or a token of another client of the
 * same realm is a 401 problem, on every service (before this, both passed and met a 403).
 */
class TokenChecksTest {

    private static final TestUser DEVELOPER = TestUser.of(TestUser.ACME, Roles.DEVELOPER);

    @Test
    void anIdTokenIsNotABearerCredential() {
        String idToken = Tokens.idToken(DEVELOPER);
        for (var service : Stack.services()) {
            assertProblem(RestAssured.given().baseUri(Stack.serviceUrl(service.name())).auth().oauth2(idToken)
                    .get(probePath(service.name())).then(), ProblemType.UNAUTHENTICATED);
        }
    }

    @Test
    void aTokenIssuedToAnotherClientOfTheRealmIsRefused() {
        String foreign = Tokens.ofOtherClient("admin-cli", DEVELOPER);
        for (var service : Stack.services()) {
            assertProblem(RestAssured.given().baseUri(Stack.serviceUrl(service.name())).auth().oauth2(foreign)
                    .get(probePath(service.name())).then(), ProblemType.UNAUTHENTICATED);
        }
        // The same user through the ccos client is let in: the audience, not the user, made the difference.
        RestAssured.given().baseUri(Stack.serviceUrl("config-service")).auth().oauth2(Tokens.of(DEVELOPER))
                .get("/api/v1/settings").then().statusCode(200);
    }

    @Test
    void operatorEndpointsAnswerWithProblemsByOnePrefixRule() {
        String url = Stack.serviceUrl("config-service");
        for (String path : new String[] {"/q/openapi", "/q/openapi.json", "/q/openapi.yaml", "/q/metrics", "/q/swagger-ui", "/q/anything"}) {
            assertProblem(RestAssured.given().baseUri(url).get(path).then(), ProblemType.UNAUTHENTICATED);
            assertProblem(RestAssured.given().baseUri(url).auth().oauth2(Tokens.of(DEVELOPER)).get(path).then(), ProblemType.FORBIDDEN);
        }
        RestAssured.given().baseUri(url).auth().oauth2(Tokens.of(TestUser.of(TestUser.ACME, Roles.PLATFORM_ADMIN)))
                .get("/q/openapi.json").then().statusCode(200);
        RestAssured.given().baseUri(url).get("/q/health/ready").then().statusCode(200);
    }

    /** The first read the service describes in its OpenAPI document, with well-formed path parameters. */
    private static String probePath(String service) {
        OpenApiEndpoints api = OpenApiEndpoints.of(Stack.serviceUrl(service), Tokens.of(TestUser.of(TestUser.ACME, Roles.PLATFORM_ADMIN)));
        OpenApiEndpoints.Endpoint read = api.endpoints().stream().filter(endpoint -> endpoint.method().equals("GET")).findFirst()
                .orElseThrow(() -> new AssertionError(service + " describes no GET operation"));
        String path = read.path();
        for (var parameter : read.pathParameters().entrySet()) {
            path = path.replace("{" + parameter.getKey() + "}", Samples.pathValue(parameter.getValue(), api));
        }
        return path;
    }
}
