package io.ccos.gateway.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ccos.policy.PolicyEvaluator;
import io.ccos.policy.decision.Effect;
import io.ccos.policy.decision.HookAnswer;
import io.ccos.policy.decision.PermissionDecision;
import io.ccos.policy.event.HookInput;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;

/**
 * The tenant's PreToolUse hooks on a governed tool call, with the semantics hook-service and Claude Code give
 * them: the tool is named {@code mcp__<server>__<tool>} and {@code tool_input} holds the arguments. Rules are
 * decided in-process from memory; command and webhook hooks are asked of hook-service ({@link HookServiceHooks}).
 */
@ApplicationScoped
public class ToolCallPolicy {

    /** What the policy says of a call. */
    public record Verdict(boolean allowed, String reason, JsonNode arguments, HookAnswer answer) {
    }

    private final ToolPolicies policies;
    private final PolicyEvaluator evaluator;
    private final ObjectMapper json;

    public ToolCallPolicy(ToolPolicies policies, HookServiceHooks hookService, ObjectMapper json) {
        this.policies = policies;
        this.evaluator = new PolicyEvaluator(hookService);
        this.json = json;
    }

    /** Decides a call; completes on the caller's context. */
    public Future<Verdict> check(String tenant, String user, String server, String tool, JsonNode arguments, String toolUseId) {
        if (!policies.loaded()) {
            return Future.succeededFuture(new Verdict(false,
                    "Tool calls cannot be governed yet: this gateway has not read its policies (the database is unreachable)", arguments, null));
        }
        ObjectNode input = json.createObjectNode().put("hook_event_name", "PreToolUse").put("tool_name", "mcp__" + server + "__" + tool);
        input.set("tool_input", arguments == null || arguments.isNull() ? json.createObjectNode() : arguments);
        if (toolUseId != null) {
            input.put("tool_use_id", toolUseId);
        }
        input.put("ccos_source", "mcp-gateway").put("ccos_user", user).put("ccos_tenant", tenant);
        CompletableFuture<HookAnswer> answer = evaluator.evaluate(policies.of(tenant).policy(), new HookInput("PreToolUse", input))
                .toCompletableFuture();
        if (answer.isDone()) { // rules only: decided on this thread
            return Future.succeededFuture(verdict(answer.join(), arguments));
        }
        return Future.fromCompletionStage(answer, Vertx.currentContext()).map(done -> verdict(done, arguments));
    }

    private static Verdict verdict(HookAnswer answer, JsonNode arguments) {
        Effect effect = answer.effect();
        JsonNode updated = effect.updatedInput() != null ? effect.updatedInput() : arguments;
        if (effect.permission() == PermissionDecision.DENY || effect.block()) {
            return new Verdict(false, reason(effect, "denied by your organization's policy"), updated, answer);
        }
        if (effect.permission() == PermissionDecision.ASK) {
            // Claude Code would ask its user; a call that reaches the gateway has nobody to ask.
            return new Verdict(false, reason(effect, "needs a person's approval") + " (the gateway cannot ask for approval)", updated, answer);
        }
        return new Verdict(true, null, updated, answer);
    }

    private static String reason(Effect effect, String fallback) {
        return effect.reason() == null || effect.reason().isBlank() ? fallback : effect.reason();
    }
}
