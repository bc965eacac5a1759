package io.ccos.policy.registry;

import io.ccos.policy.decision.Effect;
import io.ccos.policy.decision.HookResult;
import io.ccos.policy.matching.PermissionRule;

/**
 * One hook of a tenant's registry.
 *
 * @param id       its name in the registry ("default/deny-rm-root" for a pack's), for answers and audit
 * @param identity its definition as canonical JSON: two hooks defined alike run once
 * @param when     its `if` permission rule, or null
 * @param failMode what its failure means
 * @param handler  what it does
 */
public record Hook(String id, String identity, PermissionRule when, FailMode failMode, HookHandler handler) {

    /** The result of a run that failed, with the fail mode applied. */
    public HookResult failed(String error, long nanos) {
        if (failMode == FailMode.CLOSED) {
            return new HookResult(id, handler.kind(), Effect.deny("Hook " + id + " failed and fails closed: " + error), error, true, nanos);
        }
        return new HookResult(id, handler.kind(), Effect.NONE, error, false, nanos);
    }
}
