package io.ccos.policy.event;

import java.util.Map;
import java.util.Set;

/**
 * Claude Code's hook events (CLI 2.1.330; docs/policy/hook-registry.md cites Claude Code's hooks reference): what a
 * group's matcher is compared against per event, and which events are tool events. An event not named
 * here is still accepted (newer CLIs add events): its matcher is ignored, as Claude Code does for events
 * without a matcher.
 */
public final class HookEvents {

    private static final java.util.regex.Pattern EVENT_NAME = java.util.regex.Pattern.compile("[A-Z][A-Za-z]{1,63}");


    /** The input field a matcher is compared against; FileChanged compares the file's base name. */
    private static final Map<String, String> MATCHED_FIELD = Map.ofEntries(
            Map.entry("PreToolUse", "tool_name"),
            Map.entry("PostToolUse", "tool_name"),
            Map.entry("PostToolUseFailure", "tool_name"),
            Map.entry("PermissionRequest", "tool_name"),
            Map.entry("PermissionDenied", "tool_name"),
            Map.entry("SessionStart", "source"),
            Map.entry("Setup", "trigger"),
            Map.entry("UserPromptExpansion", "command_name"),
            Map.entry("PreSkillShellCommand", "command_name"),
            Map.entry("Notification", "notification_type"),
            Map.entry("SubagentStart", "agent_type"),
            Map.entry("SubagentStop", "agent_type"),
            Map.entry("StopFailure", "error"),
            Map.entry("InstructionsLoaded", "load_reason"),
            Map.entry("ConfigChange", "source"),
            Map.entry("DirectoryAdded", "source"),
            Map.entry("FileChanged", "file_path"),
            Map.entry("PreCompact", "trigger"),
            Map.entry("PostCompact", "trigger"),
            Map.entry("PreModelSwitch", "to_model"),
            Map.entry("PostModelSwitch", "to_model"),
            Map.entry("Elicitation", "mcp_server_name"),
            Map.entry("ElicitationResult", "mcp_server_name"),
            Map.entry("SessionEnd", "reason"));

    /** Events without a matcher: a matcher written on them is ignored. */
    private static final Set<String> WITHOUT_MATCHER = Set.of("UserPromptSubmit", "PostToolBatch", "Stop", "TeammateIdle",
            "TaskCreated", "TaskCompleted", "WorktreeCreate", "WorktreeRemove", "MessageDisplay", "CwdChanged");

    /** The only events on which a handler's `if` permission rule is evaluated; elsewhere such a handler never runs. */
    private static final Set<String> TOOL_EVENTS = Set.of("PreToolUse", "PostToolUse", "PostToolUseFailure",
            "PermissionRequest", "PermissionDenied");

    /** Matchers of these two events take a narrower exact form: letters, digits, '_' and '|'. */
    private static final Set<String> NARROW_EXACT_MATCHERS = Set.of("FileChanged", "StopFailure");

    private HookEvents() {
    }

    public static boolean isKnown(String event) {
        return MATCHED_FIELD.containsKey(event) || WITHOUT_MATCHER.contains(event);
    }

    /** The input field the event's matcher is compared against, or null when the event takes no matcher. */
    public static String matchedField(String event) {
        return MATCHED_FIELD.get(event);
    }

    public static boolean isToolEvent(String event) {
        return TOOL_EVENTS.contains(event);
    }

    public static boolean hasNarrowExactMatchers(String event) {
        return NARROW_EXACT_MATCHERS.contains(event);
    }

    /** An event name as Claude Code writes one: what a path segment /hooks/{event} may hold. */
    public static boolean isWellFormed(String event) {
        return event != null && EVENT_NAME.matcher(event).matches();
    }
}
