package io.ccos.policy.decision;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What one hook answered, in the terms of Claude Code's hook output; every part is optional (null).
 *
 * @param permission        PreToolUse / PermissionRequest / PreModelSwitch decision
 * @param block             decision:"block" of the events that take it (UserPromptSubmit, Stop, PostToolUse, ...)
 * @param reason            why (permissionDecisionReason, or the block's reason)
 * @param additionalContext text for the model
 * @param updatedInput      a replacement tool input (PreToolUse, PermissionRequest allow)
 * @param systemMessage     a message for the user
 * @param stop              continue:false: Claude stops, with stopReason
 * @param stopReason        shown when stopping
 */
public record Effect(PermissionDecision permission, boolean block, String reason, String additionalContext,
        JsonNode updatedInput, String systemMessage, boolean stop, String stopReason) {

    public static final Effect NONE = new Effect(null, false, null, null, null, null, false, null);

    public static Effect deny(String reason) {
        return new Effect(PermissionDecision.DENY, true, reason, null, null, null, false, null);
    }

    public boolean isEmpty() {
        return equals(NONE);
    }
}
