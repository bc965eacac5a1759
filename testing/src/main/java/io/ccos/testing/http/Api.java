package io.ccos.testing.http;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.ccos.contracts.problem.Problem;
import io.ccos.contracts.problem.ProblemType;
import io.ccos.contracts.tenancy.TenantClaim;
import io.ccos.testing.auth.Tokens;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/** Requests to ccos APIs as a given caller, and the assertion every error answer must pass. */
public final class Api {

    private Api() {
    }

    /** A request with the token of test user {@code <tenant>-<role>}. */
    public static RequestSpecification as(String tenant, String role) {
        return RestAssured.given().auth().oauth2(Tokens.of(tenant, role)).contentType(ContentType.JSON);
    }

    /** A request without any credentials. */
    public static RequestSpecification anonymous() {
        return RestAssured.given().contentType(ContentType.JSON);
    }

    /** A request of a service (client-credentials token) acting for a tenant. */
    public static RequestSpecification asService(String clientId, String tenant) {
        RequestSpecification request = RestAssured.given().auth().oauth2(Tokens.ofService(clientId)).contentType(ContentType.JSON);
        return tenant == null ? request : request.header(TenantClaim.ON_BEHALF_HEADER, tenant);
    }

    /** The answer is an RFC 9457 problem of the given kind. */
    public static ValidatableResponse assertProblem(ValidatableResponse response, ProblemType type) {
        return response.statusCode(type.status())
                .contentType(startsWith(Problem.MEDIA_TYPE))
                .body("type", equalTo(type.uri().toString()))
                .body("status", equalTo(type.status()))
                .body("title", equalTo(type.title()));
    }
}
