package io.ccos.hook.decision;

import io.ccos.hook.command.CommandHookRunner;
import io.ccos.hook.webhook.WebhookRunner;
import io.ccos.policy.PolicyEvaluator;
import io.ccos.policy.decision.HookResult;
import io.ccos.policy.event.HookInput;
import io.ccos.policy.registry.Hook;
import io.ccos.policy.registry.HookHandler;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;

/** Runs the hooks that leave the process: commands on virtual threads, webhooks over HTTP. */
@ApplicationScoped
public class ExternalHookRunner implements PolicyEvaluator.ExternalHooks {

    private final CommandHookRunner commands;
    private final WebhookRunner webhooks;

    public ExternalHookRunner(CommandHookRunner commands, WebhookRunner webhooks) {
        this.commands = commands;
        this.webhooks = webhooks;
    }

    /** For a decision someone waits for (Claude Code): a retry would only delay it past Claude Code's own timeout. */
    @Override
    public CompletionStage<HookResult> run(Hook hook, HookInput input) {
        return run(hook, input, false);
    }

    /** For decisions nobody waits for (events such as ccos.tool.calls): webhooks are retried as their hooks say. */
    PolicyEvaluator.ExternalHooks retrying() {
        return (hook, input) -> run(hook, input, true);
    }

    private CompletionStage<HookResult> run(Hook hook, HookInput input, boolean retry) {
        return switch (hook.handler()) {
            case HookHandler.Command command -> commands.run(hook, command, input);
            case HookHandler.Webhook webhook -> webhooks.run(hook, webhook, input, retry);
            case HookHandler.Rule rule -> throw new IllegalArgumentException("rules are decided in-process");
        };
    }
}
