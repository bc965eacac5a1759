package io.ccos.policy.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ccos.policy.PolicyEvaluator;
import io.ccos.policy.decision.Effect;
import io.ccos.policy.decision.HookAnswer;
import io.ccos.policy.decision.HookResult;
import io.ccos.policy.decision.PermissionDecision;
import io.ccos.policy.event.HookInput;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class HookPolicyTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode json(String text) {
        try {
            // Test documents are written with ' for JSON's quotes and ` for CEL's.
            return JSON.readTree(text.replace('\'', '"').replace('`', '\''));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    static HookInput bash(String command) {
        ObjectNode input = (ObjectNode) json("{'session_id':'s1','cwd':'/home/dev/p','hook_event_name':'PreToolUse','tool_name':'Bash','tool_use_id':'t1'}");
        input.putObject("tool_input").put("command", command);
        return new HookInput("PreToolUse", input);
    }

    private static HookAnswer decide(HookPolicy policy, HookInput input) {
        return new PolicyEvaluator((hook, in) -> CompletableFuture.failedFuture(new IllegalStateException("no external hooks here")))
                .evaluate(policy, input).toCompletableFuture().join();
    }

    @Test
    void aRuleOnToolInputDecides() {
        HookPolicy policy = HookPolicy.compile(json("""
                {'hooks':{'PreToolUse':[{'matcher':'Bash','hooks':[
                  {'type':'rule','id':'no-force','if':'Bash(git push *)','when':'tool_input.command.contains(`--force`)',
                   'decision':'deny','reason':'no force pushes'}]}]}}"""));
        HookAnswer denied = decide(policy, bash("git push --force origin main"));
        assertEquals(PermissionDecision.DENY, denied.effect().permission());
        assertEquals("deny", denied.toClaudeCode().at("/hookSpecificOutput/permissionDecision").asText());
        assertEquals("no force pushes", denied.toClaudeCode().at("/hookSpecificOutput/permissionDecisionReason").asText());
        assertEquals("PreToolUse", denied.toClaudeCode().at("/hookSpecificOutput/hookEventName").asText());

        assertNull(decide(policy, bash("git push origin main")).effect().permission(), "condition false");
        assertTrue(decide(policy, bash("git status --force")).results().isEmpty(), "`if` filters the hook out");
        assertEquals("{}", decide(policy, bash("ls")).toClaudeCode().toString(), "no decision: an empty answer");
    }

    @Test
    void strictAuditIsATenantOptionOfTheRegistry() {
        assertEquals(false, HookPolicy.compile(json("{'hooks':{}}")).strictAudit());
        assertEquals(true, HookPolicy.compile(json("{'audit':{'strict':true},'hooks':{}}")).strictAudit());
        assertEquals(false, HookPolicy.compile(json("{'audit':{}}")).strictAudit());
        RegistryException wrong = assertThrows(RegistryException.class,
                () -> HookPolicy.compile(json("{'audit':{'strict':'yes','mode':1}}")));
        assertEquals(List.of("/audit/mode", "/audit/strict"), wrong.violations().stream().map(RegistryException.Violation::pointer).sorted().toList());
        assertThrows(RegistryException.class, () -> HookPolicy.compile(json("{'audit':true}")));
    }

    @Test
    void rulesReadingTheSameInputAgreeAndNumbersCompareAcrossIntegerAndDouble() {
        // Several rules read the one command (split once per decision, HookInput.derived) and tool_input
        // (converted once): each must still see it whole.
        HookPolicy policy = HookPolicy.compile(json("""
                {'hooks':{'PreToolUse':[{'matcher':'Bash','hooks':[
                  {'type':'rule','id':'slow','if':'Bash(sleep *)','when':'tool_input.timeout > 1.5','decision':'ask','reason':'slow'},
                  {'type':'rule','id':'exact','if':'Bash(sleep *)','when':'tool_input.timeout == 2.0','decision':'ask','reason':'two'},
                  {'type':'rule','id':'rm','if':'Bash(rm *)','decision':'deny','reason':'no rm'}]}]}}"""));
        HookInput compound = bash("sleep 5 && rm -r build");
        ((ObjectNode) compound.json().get("tool_input")).put("timeout", 2);
        HookAnswer answer = decide(policy, compound);
        assertEquals(PermissionDecision.DENY, answer.effect().permission(), "the rm of the compound command");
        assertEquals(List.of("slow", "exact", "rm"), answer.results().stream().filter(r -> r.effect() != Effect.NONE).map(HookResult::hookId).toList());

        HookInput plain = bash("sleep 5");
        ((ObjectNode) plain.json().get("tool_input")).put("timeout", 1);
        assertNull(decide(policy, plain).effect().permission(), "1 is not above 1.5 and rm does not match");
    }

    @Test
    void precedenceIsDenyDeferAskAllowAndReasonsComeFromTheWinners() {
        HookPolicy policy = HookPolicy.compile(json("""
                {'hooks':{'PreToolUse':[
                  {'matcher':'*','hooks':[{'type':'rule','decision':'allow','reason':'fine','additionalContext':'ctx-a'}]},
                  {'matcher':'Bash','hooks':[{'type':'rule','decision':'ask','reason':'check'},
                                             {'type':'rule','decision':'defer','reason':'later'}]},
                  {'matcher':'Ba.*','hooks':[{'type':'rule','when':'tool_input.command.startsWith(`rm`)','decision':'deny','reason':'no rm','additionalContext':'ctx-b'}]}]}}"""));
        HookAnswer rm = decide(policy, bash("rm x"));
        assertEquals(PermissionDecision.DENY, rm.effect().permission());
        assertEquals("no rm", rm.effect().reason());
        assertEquals("ctx-a\nctx-b", rm.effect().additionalContext(), "every context is kept");
        assertEquals(PermissionDecision.DEFER, decide(policy, bash("ls")).effect().permission());
        HookInput read = new HookInput("PreToolUse", (ObjectNode) json("{'tool_name':'Read','tool_input':{'file_path':'/a'}}"));
        assertEquals(PermissionDecision.ALLOW, decide(policy, read).effect().permission());
        assertEquals("ctx-a", decide(policy, read).toClaudeCode().at("/hookSpecificOutput/additionalContext").asText());
    }

    @Test
    void hooksDefinedAlikeRunOnceAndAllMatchingOnesRunInParallel() {
        AtomicInteger started = new AtomicInteger();
        CompletableFuture<Void> bothStarted = new CompletableFuture<>();
        HookPolicy policy = HookPolicy.compile(json("""
                {'hooks':{'PreToolUse':[
                  {'matcher':'Bash','hooks':[{'type':'command','command':['/bin/a'],'id':'first'},{'type':'command','command':['/bin/b']}]},
                  {'matcher':'*','hooks':[{'type':'command','command':['/bin/a'],'id':'same-as-first'}]}]}}"""));
        assertEquals(2, policy.hooksFor(bash("ls")).size(), "the /bin/a hook of the second group is the first one");
        PolicyEvaluator evaluator = new PolicyEvaluator((hook, in) -> CompletableFuture.supplyAsync(() -> {
            if (started.incrementAndGet() == 2) {
                bothStarted.complete(null);
            }
            bothStarted.join(); // each waits for the other: only parallel runs finish
            return HookResult.of(hook.id(), "command", Effect.NONE, 0);
        }));
        HookAnswer answer = evaluator.evaluate(policy, bash("ls")).toCompletableFuture().orTimeout(10, java.util.concurrent.TimeUnit.SECONDS).join();
        assertEquals(List.of("first", "PreToolUse.0.1"), answer.results().stream().map(HookResult::hookId).toList());
    }

    @Test
    void aFailingExternalHookAnswersItsFailMode() {
        HookPolicy policy = HookPolicy.compile(json("""
                {'hooks':{'PreToolUse':[{'hooks':[{'type':'command','command':['/bin/missing'],'id':'guard'}]}],
                          'PostToolUse':[{'hooks':[{'type':'command','command':['/bin/missing'],'id':'log'}]}]}}"""));
        PolicyEvaluator evaluator = new PolicyEvaluator((hook, in) -> CompletableFuture.failedFuture(new java.io.IOException("no such file: /bin/missing")));
        HookAnswer pre = evaluator.evaluate(policy, bash("ls")).toCompletableFuture().join();
        assertEquals(PermissionDecision.DENY, pre.effect().permission(), "PreToolUse hooks fail closed by default");
        assertTrue(pre.effect().reason().contains("no such file"), pre.effect().reason());
        assertTrue(pre.results().getFirst().failedClosed());
        HookInput post = new HookInput("PostToolUse", (ObjectNode) json("{'tool_name':'Bash','tool_input':{'command':'ls'}}"));
        HookAnswer after = evaluator.evaluate(policy, post).toCompletableFuture().join();
        assertEquals("{}", after.toClaudeCode().toString(), "PostToolUse hooks fail open by default");
        assertEquals("no such file: /bin/missing", after.results().getFirst().error());
    }

    @Test
    void aConditionThatCannotBeEvaluatedDoesNotHoldAndIsReported() {
        HookPolicy policy = HookPolicy.compile(json("""
                {'hooks':{'PreToolUse':[{'hooks':[{'type':'rule','when':'tool_input.command == `x`','decision':'deny'}]}]}}"""));
        HookInput read = new HookInput("PreToolUse", (ObjectNode) json("{'tool_name':'Read','tool_input':{'file_path':'/a'}}"));
        HookAnswer answer = decide(policy, read);
        assertNull(answer.effect().permission());
        assertTrue(answer.results().getFirst().error().startsWith("condition not evaluated"), answer.results().getFirst().error());
    }

    @Test
    void aHookWithIfRunsOnlyOnToolEventsAndMatchersOfEventsWithoutOneAreIgnored() {
        HookPolicy policy = HookPolicy.compile(json("""
                {'hooks':{'Stop':[{'matcher':'NeverMatches','hooks':[{'type':'rule','decision':'block','reason':'keep going'}]},
                                  {'hooks':[{'type':'rule','if':'Bash','additionalContext':'never'}]}]}}"""));
        HookAnswer stop = decide(policy, new HookInput("Stop", (ObjectNode) json("{'session_id':'s','stop_hook_active':false}")));
        assertEquals("block", stop.toClaudeCode().path("decision").asText());
        assertEquals("keep going", stop.toClaudeCode().path("reason").asText());
        assertEquals(1, stop.results().size());
    }

    @Test
    void everyDefectOfADocumentIsReportedAtItsPointer() {
        RegistryException refused = assertThrows(RegistryException.class, () -> HookPolicy.compile(json("""
                {'hooks':{'PreToolUse':[{'matcher':'(?<=x)','hooks':[
                    {'type':'rule','when':'tool_input.command +','decision':'maybe'},
                    {'type':'command','command':'rm -rf / --no-preserve-root'},
                    {'type':'webhook','url':'ftp://x','secret':'short','retries':9},
                    {'type':'script'},
                    {'type':'rule','decision':'deny','colour':'red','timeout':-1}]}]},
                 'packs':{'strict':{}},'extra':1}""")));
        List<String> pointers = refused.violations().stream().map(RegistryException.Violation::pointer).toList();
        for (String expected : List.of("/extra", "/packs/strict", "/hooks/PreToolUse/0/matcher", "/hooks/PreToolUse/0/hooks/0/when",
                "/hooks/PreToolUse/0/hooks/0/decision", "/hooks/PreToolUse/0/hooks/1/command", "/hooks/PreToolUse/0/hooks/2/url",
                "/hooks/PreToolUse/0/hooks/2/secret", "/hooks/PreToolUse/0/hooks/2/retries", "/hooks/PreToolUse/0/hooks/3/type",
                "/hooks/PreToolUse/0/hooks/4/colour", "/hooks/PreToolUse/0/hooks/4/timeout")) {
            assertTrue(pointers.contains(expected), expected + " in " + refused.violations());
        }
    }

    @Test
    void aShellNeedsTheShellFlagAndCommandsAreArgv() {
        HookPolicy policy = HookPolicy.compile(json("""
                {'hooks':{'PreToolUse':[{'hooks':[
                  {'type':'command','command':'/opt/guard','args':['--strict','a b']},
                  {'type':'command','command':'jq -r .tool_name | grep -q Bash','shell':true}]}]}}"""));
        List<Hook> hooks = policy.hooksFor(bash("ls"));
        assertEquals(List.of("/opt/guard", "--strict", "a b"), ((HookHandler.Command) hooks.get(0).handler()).argv());
        assertEquals(List.of("/bin/sh", "-c", "jq -r .tool_name | grep -q Bash"), ((HookHandler.Command) hooks.get(1).handler()).argv());
    }
}
