package io.ccos.systemtests.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ccos.contracts.security.Roles;
import io.ccos.testing.auth.TestUser;
import io.ccos.testing.auth.Tokens;
import io.ccos.testing.stack.Stack;
import io.restassured.RestAssured;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Callers' junk paths create no metric series: the uri label is a route template or a fixed word. */
class MetricsCardinalityTest {

    private static final Pattern URI_LABEL = Pattern.compile("^http_server_requests_seconds_count\\{[^}]*uri=\"([^\"]*)\"", Pattern.MULTILINE);

    @Test
    void junkRequestsDoNotGrowTheMetrics() {
        String url = Stack.serviceUrl("config-service");
        String developer = Tokens.of(TestUser.of(TestUser.ACME, Roles.DEVELOPER));
        String junk = "junk-" + UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 100; i++) {
            RestAssured.given().baseUri(url).get("/" + junk + "/" + i);
            RestAssured.given().baseUri(url).get("/api/v1/" + junk + i);
            RestAssured.given().baseUri(url).auth().oauth2(developer).get("/api/v1/settings/managed/" + junk + i);
            RestAssured.given().baseUri(url).delete("/api/v1/settings/" + junk + i);
        }
        Set<String> uris = uriLabels(url);
        assertTrue(uris.stream().noneMatch(uri -> uri.contains(junk)), "no series names a requested path: " + uris);
        assertTrue(uris.contains("/api/v1/settings/{scope}/{name}"), "matched requests keep their route template: " + uris);

        for (int i = 0; i < 100; i++) {
            RestAssured.given().baseUri(url).get("/" + junk + "/again/" + i);
        }
        assertEquals(uris, uriLabels(url), "more junk, no new series");
    }

    private static Set<String> uriLabels(String url) {
        String metrics = RestAssured.given().baseUri(url).auth().oauth2(Tokens.of(TestUser.of(TestUser.ACME, Roles.PLATFORM_ADMIN)))
                .get("/q/metrics").then().statusCode(200).extract().asString();
        Set<String> uris = new TreeSet<>();
        Matcher matcher = URI_LABEL.matcher(metrics);
        while (matcher.find()) {
            uris.add(matcher.group(1));
        }
        return uris;
    }
}
