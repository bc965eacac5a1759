package io.ccos.policy.decision;

/**
 * The outcome of one hook of a decision, for the answer's metadata, the audit record and metrics.
 *
 * @param hookId      the hook's id in the registry (its position when it has none)
 * @param kind        rule, command or webhook
 * @param effect      what it answered (after its fail mode when it failed)
 * @param error       why it failed (a timeout, a missing command, an unreadable answer), or null
 * @param failedClosed whether the failure was turned into a deny / block by the hook's fail mode
 * @param nanos       how long it ran
 */
public record HookResult(String hookId, String kind, Effect effect, String error, boolean failedClosed, long nanos) {

    public static HookResult of(String hookId, String kind, Effect effect, long nanos) {
        return new HookResult(hookId, kind, effect, null, false, nanos);
    }
}
