package io.ccos.policy.registry;

import io.ccos.policy.decision.Effect;
import io.ccos.policy.rules.Condition;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** What a hook does when it runs: one of three kinds. */
public sealed interface HookHandler {

    /** rule, command or webhook. */
    String kind();

    /**
     * A declarative rule, decided in-process: when its condition holds (or it has none), its effect.
     *
     * @param when   a CEL condition, or null for "always" (the matcher and `if` already chose the calls)
     * @param effect what it answers
     */
    record Rule(Condition when, Effect effect) implements HookHandler {
        @Override
        public String kind() {
            return "rule";
        }
    }

    /**
     * A command run as Claude Code runs a command hook: the hook input on stdin, exit 0 = JSON on stdout
     * (or nothing), exit 2 = block with stderr as the reason, any other code = a non-blocking error.
     *
     * @param argv             the program and its arguments, run without a shell; with shell, ["sh","-c",command]
     * @param shell            whether a tenant admin allowed a shell for this command
     * @param env              variables set for it (nothing else of the service's environment is passed
     *                         on but PATH, HOME, LANG)
     * @param workingDirectory where it runs, or null for a private temporary directory
     * @param timeout          after which it is killed
     */
    record Command(List<String> argv, boolean shell, Map<String, String> env, String workingDirectory, Duration timeout)
            implements HookHandler {
        @Override
        public String kind() {
            return "command";
        }
    }

    /**
     * A POST of the hook input to an external endpoint, signed with HMAC-SHA256 over the body; its answer is
     * read as a command hook's JSON output.
     *
     * @param url     where to (checked against the outbound address policy when it runs)
     * @param secret  the signing key (never shown in views)
     * @param timeout per attempt
     * @param retries extra attempts, for events nothing waits on (asynchronous delivery)
     */
    record Webhook(URI url, String secret, Duration timeout, int retries) implements HookHandler {
        @Override
        public String kind() {
            return "webhook";
        }
    }
}
