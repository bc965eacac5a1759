package io.ccos.policy.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ccos.policy.PolicyEvaluator;
import io.ccos.policy.decision.PermissionDecision;
import io.ccos.policy.event.HookInput;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The default pack, on the calls it must stop and the look-alikes it must let through. */
class DefaultPackTest {

    private static final HookPolicy DEFAULT = HookPolicy.compile(HookPolicyTest.json(
            "{'packs':{'default':{'allowedDomains':['github.com','*.example.org']}}}"));
    private static final PolicyEvaluator EVALUATOR = new PolicyEvaluator((h, i) -> CompletableFuture.failedFuture(new IllegalStateException()));

    private static boolean denied(HookInput input) {
        return EVALUATOR.evaluate(DEFAULT, input).toCompletableFuture().join().effect().permission() == PermissionDecision.DENY;
    }

    private static HookInput tool(String tool, String field, String value) {
        ObjectNode json = (ObjectNode) HookPolicyTest.json("{'cwd':'/home/dev/p','hook_event_name':'PreToolUse'}");
        json.put("tool_name", tool).putObject("tool_input").put(field, value);
        return new HookInput("PreToolUse", json);
    }

    @ParameterizedTest(name = "{0} -> denied {1}")
    @CsvSource(delimiterString = " ¦ ", textBlock = """
            rm -rf / ¦ true
            rm -rf ~ ¦ true
            rm -rf ~/ ¦ true
            rm -fr $HOME ¦ true
            sudo ls && rm -r -f /* ¦ true
            rm --recursive --force / ¦ true
            rm -rf ./build ¦ false
            rm -rf /tmp/x ¦ false
            rm ~/notes.txt ¦ false
            cat .env ¦ true
            cat app/.env.local ¦ true
            cp .env.example .env.local ¦ true
            cat .env.example ¦ false
            less ~/.ssh/id_ed25519 ¦ true
            cat ~/.aws/credentials ¦ true
            openssl x509 -in server.pem ¦ true
            echo environment ¦ false
            ls -la ¦ false
            """)
    void bash(String command, boolean denied) {
        assertEquals(denied, denied(tool("Bash", "command", command)), command);
    }

    @ParameterizedTest(name = "{0} {1} -> denied {2}")
    @CsvSource(delimiterString = " ¦ ", textBlock = """
            Read ¦ /home/dev/p/.env ¦ true
            Edit ¦ /home/dev/p/config/.env.production ¦ true
            Write ¦ /home/dev/p/certs/server.key ¦ true
            Read ¦ /home/dev/.ssh/config ¦ true
            Read ¦ /home/dev/.aws/credentials ¦ true
            Read ¦ /home/dev/p/.env.example ¦ false
            Read ¦ /home/dev/p/src/environment.ts ¦ false
            Read ¦ /home/dev/p/keys.md ¦ false
            """)
    void files(String tool, String path, boolean denied) {
        assertEquals(denied, denied(tool(tool, "file_path", path)), tool + " " + path);
    }

    @ParameterizedTest(name = "{0} -> denied {1}")
    @CsvSource(delimiterString = " ¦ ", textBlock = """
            https://github.com/anthropics/claude-code ¦ false
            https://GitHub.com/x ¦ false
            https://api.example.org/v1 ¦ false
            https://example.org/ ¦ true
            https://github.com.evil.io/x ¦ true
            https://evil.io/?u=https://github.com ¦ true
            https://user@github.com.evil.io ¦ true
            http://169.254.169.254/latest/meta-data ¦ true
            """)
    void webFetch(String url, boolean denied) {
        assertEquals(denied, denied(tool("WebFetch", "url", url)), url);
    }

    @org.junit.jupiter.api.Test
    void refusesBadOptions() {
        RegistryException refused = assertThrows(RegistryException.class, () -> HookPolicy.compile(HookPolicyTest.json(
                "{'packs':{'default':{'allowedDomains':['not a domain'],'strict':true}}}")));
        assertEquals(2, refused.violations().size(), refused.getMessage());
    }
}
