package io.ccos.policy;

import io.ccos.policy.decision.Effect;
import io.ccos.policy.decision.HookAnswer;
import io.ccos.policy.decision.HookResult;
import io.ccos.policy.event.HookInput;
import io.ccos.policy.registry.Hook;
import io.ccos.policy.registry.HookHandler;
import io.ccos.policy.registry.HookPolicy;
import io.ccos.policy.rules.Condition;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Decides one hook input: every matching hook runs, in parallel, and their answers are combined
 * ({@link HookAnswer#combine}). Rules are decided on the calling thread, without I/O; when only rules
 * match, the answer is complete when this returns. Commands and webhooks run through the service's
 * {@link ExternalHooks}; a failure of one becomes its fail mode's answer, never a failed decision.
 */
public final class PolicyEvaluator {

    /** Runs the hooks that leave the process (command, webhook); answers a result or fails. */
    @FunctionalInterface
    public interface ExternalHooks {
        CompletionStage<HookResult> run(Hook hook, HookInput input);
    }

    private final ExternalHooks external;

    public PolicyEvaluator(ExternalHooks external) {
        this.external = external;
    }

    public CompletionStage<HookAnswer> evaluate(HookPolicy policy, HookInput input) {
        List<Hook> hooks = policy.hooksFor(input);
        HookResult[] results = new HookResult[hooks.size()];
        List<CompletableFuture<Void>> running = null;
        for (int i = 0; i < hooks.size(); i++) {
            Hook hook = hooks.get(i);
            if (hook.handler() instanceof HookHandler.Rule rule) {
                results[i] = decide(hook, rule, input);
            } else {
                if (running == null) {
                    running = new ArrayList<>();
                }
                int slot = i;
                long started = System.nanoTime();
                CompletableFuture<HookResult> run;
                try {
                    run = external.run(hook, input).toCompletableFuture();
                } catch (RuntimeException e) {
                    run = CompletableFuture.failedFuture(e);
                }
                running.add(run.handle((result, failure) -> {
                    results[slot] = failure == null ? result : hook.failed(describe(failure), System.nanoTime() - started);
                    return null;
                }));
            }
        }
        if (running == null) {
            return CompletableFuture.completedFuture(HookAnswer.combine(input.event(), Arrays.asList(results)));
        }
        return CompletableFuture.allOf(running.toArray(CompletableFuture[]::new))
                .thenApply(done -> HookAnswer.combine(input.event(), Arrays.asList(results)));
    }

    /** A rule: its effect when its condition holds; a condition that cannot be evaluated does not hold. */
    static HookResult decide(Hook hook, HookHandler.Rule rule, HookInput input) {
        long started = System.nanoTime();
        if (rule.when() == null) {
            return HookResult.of(hook.id(), "rule", rule.effect(), System.nanoTime() - started);
        }
        try {
            Effect effect = rule.when().test(input) ? rule.effect() : Effect.NONE;
            return HookResult.of(hook.id(), "rule", effect, System.nanoTime() - started);
        } catch (Condition.ConditionException e) {
            return new HookResult(hook.id(), "rule", Effect.NONE, "condition not evaluated: " + e.getMessage(), false,
                    System.nanoTime() - started);
        }
    }

    private static String describe(Throwable failure) {
        Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        return cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
    }
}
