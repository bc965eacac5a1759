package io.ccos.testing.http;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.ccos.contracts.problem.Problem;
import io.ccos.contracts.problem.ProblemType;
import io.ccos.contracts.tenancy.TenantClaim;
import io.ccos.testing.auth.Tokens;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Requests to ccos APIs as a given caller, and the assertion every error answer must pass. */
public final class Api {

    private static final Pattern NEXT = Pattern.compile("<([^>]+)>; rel=\"next\"");

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

    /**
     * Every item of a paged list endpoint, following its {@code Link: rel="next"} headers; {@code request}
     * gives a fresh request (with its credentials) for each page. The running stack's tenants hold the data
     * of earlier runs, so a test that looks for its own item must not stop at the first page.
     */
    public static List<Map<String, Object>> allPages(Supplier<RequestSpecification> request, String path) {
        List<Map<String, Object>> items = new ArrayList<>();
        String next = path + (path.contains("?") ? "&" : "?") + "limit=500";
        for (int pages = 0; next != null; pages++) {
            if (pages > 1000) {
                throw new AssertionError(path + " did not stop paging after 1000 pages");
            }
            ExtractableResponse<Response> page = request.get().get(next).then().statusCode(200).extract();
            items.addAll(page.jsonPath().getList("$"));
            Matcher link = NEXT.matcher(String.valueOf(page.header("Link")));
            next = link.find() ? link.group(1) : null;
        }
        return items;
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
