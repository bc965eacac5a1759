package io.ccos.config.settings;

import static io.ccos.testing.http.Api.as;
import static io.ccos.testing.http.Api.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ccos.contracts.problem.ProblemType;
import io.ccos.contracts.security.Roles;
import io.ccos.testing.auth.TestUser;
import io.ccos.testing.stack.IsolatedService;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** List endpoints page with a cursor: every item once, no page beyond its limit, bad paging parameters a 400. */
@QuarkusTest
@WithTestResource(IsolatedService.class)
class SettingsPagingTest {

    private static final Pattern NEXT = Pattern.compile("<([^>]+)>; rel=\"next\"");

    @Test
    void followingTheNextLinksVisitsEveryDocumentOnce() {
        String prefix = "page-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        Set<String> created = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            as(TestUser.ACME, Roles.TENANT_ADMIN).body(Map.of("n", i)).put("/api/v1/settings/user/" + prefix + i).then().statusCode(200);
            created.add(prefix + i);
        }
        List<String> seen = new ArrayList<>();
        String next = "/api/v1/settings?limit=2";
        int pages = 0;
        while (next != null) {
            ExtractableResponse<Response> page = as(TestUser.ACME, Roles.AUDITOR).get(next).then().statusCode(200).extract();
            List<String> names = page.jsonPath().getList("name");
            assertTrue(names.size() <= 2, "a page holds at most its limit: " + names);
            List<String> scopes = page.jsonPath().getList("scope");
            for (int i = 0; i < names.size(); i++) {
                seen.add(scopes.get(i) + "/" + names.get(i));
            }
            String link = page.header("Link");
            Matcher matcher = link == null ? null : NEXT.matcher(link);
            next = matcher != null && matcher.find() ? matcher.group(1) : null;
            assertTrue(next == null || next.startsWith("/api/v1/settings?"), "the next link is a path of this service: " + link);
            assertTrue(++pages < 10_000, "paging ends");
        }
        assertEquals(seen.size(), new HashSet<>(seen).size(), "no document twice");
        for (String name : created) {
            assertTrue(seen.contains("user/" + name), name + " is on some page");
        }
    }

    @Test
    void pagingParametersOutsideTheirRangeAreProblems() {
        for (String query : List.of("limit=0", "limit=501", "limit=abc", "limit=-1", "after=not-a-cursor", "after=WyJ4Il0")) {
            assertProblem(as(TestUser.ACME, Roles.AUDITOR).get("/api/v1/settings?" + query).then(), ProblemType.VALIDATION);
        }
        as(TestUser.ACME, Roles.AUDITOR).get("/api/v1/settings?limit=500").then().statusCode(200);
    }
}
