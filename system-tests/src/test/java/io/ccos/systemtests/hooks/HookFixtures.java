package io.ccos.systemtests.hooks;

import static io.ccos.testing.http.Api.as;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ccos.contracts.security.Roles;
import io.ccos.testing.auth.TestUser;
import io.ccos.testing.stack.Stack;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.Map;

/** What the hook tests do again and again against the running stack (tenant globex). */
public final class HookFixtures {

    private static final String HOOK_SERVICE = Stack.serviceUrl("hook-service");

    private HookFixtures() {
    }

    public static void storeRegistry(String registry) {
        as(TestUser.GLOBEX, Roles.TENANT_ADMIN).baseUri(Stack.serviceUrl("config-service"))
                .contentType(ContentType.JSON).body(registry)
                .put("/api/v1/hook-registry")
                .then().statusCode(200);
    }

    /** Waits until hook-service decides with the registry whose deny reason carries the marker. */
    public static void awaitApplied(String marker) {
        awaitApplied(HOOK_SERVICE, marker);
    }

    /** Waits until the replica of hook-service at {@code baseUri} decides with the registry that carries the marker. */
    public static void awaitApplied(String baseUri, String marker) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String answer = as(TestUser.GLOBEX, Roles.DEVELOPER).baseUri(baseUri)
                    .contentType(ContentType.JSON)
                    .body(Map.of("session_id", "probe", "tool_name", "Bash", "tool_input", Map.of("command", "git push --force x")))
                    .post("/api/v1/hooks/PreToolUse")
                    .then().statusCode(200).extract().asString();
            assertTrue(answer.contains(marker), answer);
        });
    }

    /** A new hook key of the user; the answer shows it this once. */
    public static String createKey(String tenant, String role, String name) {
        return as(tenant, role).baseUri(HOOK_SERVICE).contentType(ContentType.JSON).body(Map.of("name", name))
                .post("/api/v1/hook-keys")
                .then().statusCode(201).header("Location", startsWith("/api/v1/hook-keys/"))
                .body("key", startsWith("ccoshk_")).body("name", equalTo(name))
                .extract().path("key");
    }
}
