package io.ccos.policy.registry;

/**
 * What a hook's failure (a timeout, a crash, an unreadable answer, an unreachable webhook) means: OPEN
 * lets the action go on, CLOSED answers deny (or block) with the failure as the reason. Claude Code's own
 * `onFailure: "block"` on a hook reads as CLOSED, `"continue"` as OPEN.
 */
public enum FailMode {
    OPEN, CLOSED;

    /** PreToolUse and PermissionRequest hooks guard tools: they fail closed unless told otherwise. */
    public static FailMode defaultFor(String event) {
        return event.equals("PreToolUse") || event.equals("PermissionRequest") || event.equals("PreSkillShellCommand") ? CLOSED : OPEN;
    }
}
