package io.ccos.policy.decision;

import java.util.Locale;

/**
 * A PreToolUse permission decision, in Claude Code's order of precedence when several hooks decide:
 * deny > defer > ask > allow (the constants are declared from weakest to strongest).
 */
public enum PermissionDecision {
    ALLOW, ASK, DEFER, DENY;

    /** As Claude Code writes it. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static PermissionDecision fromWire(String value) {
        return switch (value) {
            case "allow", "approve" -> ALLOW; // "approve": the deprecated top-level form
            case "ask" -> ASK;
            case "defer" -> DEFER;
            case "deny", "block" -> DENY;
            default -> throw new IllegalArgumentException("not a permission decision: '" + value + "' (allow, ask, defer, deny)");
        };
    }

    public PermissionDecision strongest(PermissionDecision other) {
        return other == null || compareTo(other) >= 0 ? this : other;
    }
}
