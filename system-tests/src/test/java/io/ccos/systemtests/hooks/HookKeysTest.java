package io.ccos.systemtests.hooks;

import static io.ccos.testing.http.Api.as;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ccos.contracts.problem.ProblemType;
import io.ccos.contracts.security.Roles;
import io.ccos.testing.auth.TestUser;
import io.ccos.testing.http.Api;
import io.ccos.testing.stack.Stack;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Hook keys: shown once, usable for decisions only, in their own tenant, revocable, listed with their last use. */
class HookKeysTest {

    private static final String HOOK_SERVICE = Stack.serviceUrl("hook-service");
    private static final Map<String, Object> BASH_INPUT = Map.of("session_id", "keys", "tool_name", "Bash",
            "tool_input", Map.of("command", "git push --force origin main"));

    private static RequestSpecification withKey(String key) {
        return RestAssured.given().baseUri(HOOK_SERVICE).header("Authorization", "Bearer " + key);
    }

    @Test
    void aKeyDecidesInItsTenantAndDoesNothingElse() {
        String marker = UUID.randomUUID().toString().substring(0, 8);
        HookFixtures.storeRegistry("""
                {"hooks": {"PreToolUse": [{"matcher": "Bash", "hooks": [{"type": "rule", "if": "Bash(git push *)",
                  "when": "tool_input.command.contains('--force')", "decision": "deny", "reason": "keys %s"}]}]}}""".formatted(marker));
        HookFixtures.awaitApplied(marker);
        String key = HookFixtures.createKey(TestUser.GLOBEX, Roles.DEVELOPER, "laptop " + marker);

        withKey(key).contentType(ContentType.JSON).body(BASH_INPUT).post("/api/v1/hooks/PreToolUse")
                .then().statusCode(200)
                .body("hookSpecificOutput.permissionDecision", equalTo("deny"))
                .body("hookSpecificOutput.permissionDecisionReason", equalTo("keys " + marker));
        // A key grants decisions only: not the key list, not a new key, not another service.
        Api.assertProblem(withKey(key).get("/api/v1/hook-keys").then(), ProblemType.FORBIDDEN);
        Api.assertProblem(withKey(key).contentType(ContentType.JSON).body(Map.of("name", "more")).post("/api/v1/hook-keys").then(),
                ProblemType.FORBIDDEN);
        Api.assertProblem(withKey(key).baseUri(Stack.serviceUrl("config-service")).get("/api/v1/settings").then(),
                ProblemType.UNAUTHENTICATED);
        // The list shows it with its last use, never its secret.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<Map<String, Object>> keys = Api.allPages(() -> as(TestUser.GLOBEX, Roles.DEVELOPER).baseUri(HOOK_SERVICE), "/api/v1/hook-keys");
            Map<String, Object> listed = keys.stream().filter(k -> ("laptop " + marker).equals(k.get("name"))).findFirst().orElseThrow();
            assertTrue(listed.get("lastUsedAt") != null, "last use recorded: " + listed);
            assertTrue(!listed.containsKey("key"), "the secret is shown once: " + listed);
        });
    }

    @Test
    void wrongUnknownAndRevokedKeysAre401AndOnlyTheOwnerOrAnAdminRevokes() {
        String key = HookFixtures.createKey(TestUser.GLOBEX, Roles.DEVELOPER, "to revoke");
        String id = key.substring("ccoshk_".length(), key.indexOf('.'));
        String wrongSecret = key.substring(0, key.length() - 4) + (key.endsWith("AAAA") ? "BBBB" : "AAAA");
        for (String bad : List.of(wrongSecret, "ccoshk_" + "A".repeat(22) + "." + "B".repeat(43), "ccoshk_short")) {
            Api.assertProblem(withKey(bad).contentType(ContentType.JSON).body(BASH_INPUT).post("/api/v1/hooks/PreToolUse").then(),
                    ProblemType.UNAUTHENTICATED);
        }
        // Another user of the tenant, and anyone of another tenant, sees no such key.
        Api.assertProblem(as(TestUser.GLOBEX, Roles.AUDITOR).baseUri(HOOK_SERVICE).delete("/api/v1/hook-keys/" + id).then(),
                ProblemType.FORBIDDEN);
        Api.assertProblem(as(TestUser.ACME, Roles.TENANT_ADMIN).baseUri(HOOK_SERVICE).delete("/api/v1/hook-keys/" + id).then(),
                ProblemType.NOT_FOUND);
        withKey(key).contentType(ContentType.JSON).body(BASH_INPUT).post("/api/v1/hooks/PreToolUse").then().statusCode(200);

        as(TestUser.GLOBEX, Roles.TENANT_ADMIN).baseUri(HOOK_SERVICE).delete("/api/v1/hook-keys/" + id)
                .then().statusCode(200).body("revokedAt", notNullValue()).body("key", nullValue());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> Api.assertProblem(
                withKey(key).contentType(ContentType.JSON).body(BASH_INPUT).post("/api/v1/hooks/PreToolUse").then(),
                ProblemType.UNAUTHENTICATED));
        withKey(key).contentType(ContentType.JSON).body(BASH_INPUT).post("/api/v1/hooks/PreToolUse")
                .then().body(not(containsString("ccoshk_")));
    }
}
