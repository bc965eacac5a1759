package io.ccos.policy.decision;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The combined answer of every hook that ran for one hook input, combined as Claude Code combines its own
 * hooks: the strongest permission decision wins (deny > defer > ask > allow) with the reasons of the hooks
 * that gave it; any block blocks; every additionalContext and systemMessage is kept, in registry order;
 * of several updatedInput rewrites the last in registry order wins (Claude Code takes the last to finish);
 * any continue:false stops.
 */
public record HookAnswer(String event, Effect effect, List<HookResult> results) {

    /** Events whose output carries hookSpecificOutput.additionalContext. */
    private static final Set<String> CONTEXT_EVENTS = Set.of("SessionStart", "UserPromptSubmit", "UserPromptExpansion",
            "PreToolUse", "PostToolUse", "PostToolUseFailure", "PostToolBatch", "SubagentStart", "SubagentStop", "Stop",
            "PostModelSwitch");
    /** Events that take a top-level decision:"block" with a reason. */
    private static final Set<String> BLOCKING_EVENTS = Set.of("UserPromptSubmit", "UserPromptExpansion", "PostToolUse",
            "PostToolUseFailure", "PostToolBatch", "Stop", "SubagentStop", "TaskCreated", "TaskCompleted", "ConfigChange",
            "PreCompact", "PreSkillShellCommand");

    public static HookAnswer combine(String event, List<HookResult> results) {
        PermissionDecision permission = null;
        for (HookResult result : results) {
            if (result.effect().permission() != null) {
                permission = result.effect().permission().strongest(permission);
            }
        }
        List<String> reasons = new ArrayList<>();
        List<String> contexts = new ArrayList<>();
        List<String> messages = new ArrayList<>();
        List<String> stopReasons = new ArrayList<>();
        boolean block = false;
        boolean stop = false;
        JsonNode updatedInput = null;
        for (HookResult result : results) {
            Effect effect = result.effect();
            boolean decisive = permission != null ? effect.permission() == permission : effect.block();
            if (decisive && effect.reason() != null) {
                reasons.add(effect.reason());
            }
            block |= effect.block();
            addIfPresent(contexts, effect.additionalContext());
            addIfPresent(messages, effect.systemMessage());
            if (effect.stop()) {
                stop = true;
                addIfPresent(stopReasons, effect.stopReason());
            }
            if (effect.updatedInput() != null) {
                updatedInput = effect.updatedInput();
            }
        }
        Effect combined = new Effect(permission, block, joined(reasons), joined(contexts), updatedInput, joined(messages), stop,
                joined(stopReasons));
        return new HookAnswer(event, combined, List.copyOf(results));
    }

    /** The decision for logs, metrics and audit: deny, defer, ask, allow, block, stop or none. */
    public String outcome() {
        return outcome(event, effect);
    }

    /** The same for one hook's effect on an event. */
    public static String outcome(String event, Effect effect) {
        if (effect.stop()) {
            return "stop";
        }
        boolean permissionEvent = event.equals("PreToolUse") || event.equals("PermissionRequest") || event.equals("PreModelSwitch");
        if (effect.permission() != null && (permissionEvent || effect.permission() != PermissionDecision.DENY)) {
            return effect.permission().wire();
        }
        return effect.block() || effect.permission() == PermissionDecision.DENY ? "block" : "none";
    }

    /** The JSON Claude Code reads from a hook: only the fields the event understands. */
    public ObjectNode toClaudeCode() {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        ObjectNode specific = JsonNodeFactory.instance.objectNode().put("hookEventName", event);
        PermissionDecision permission = effect.permission();
        switch (event) {
            case "PreToolUse", "PreSkillShellCommand" -> {
                if (permission == null && effect.block()) {
                    permission = PermissionDecision.DENY;
                }
                if (permission != null) {
                    specific.put("permissionDecision", permission.wire());
                    putIfPresent(specific, "permissionDecisionReason", effect.reason());
                }
                if (effect.updatedInput() != null && permission != PermissionDecision.DENY) {
                    specific.set("updatedInput", effect.updatedInput());
                }
            }
            case "PermissionRequest" -> {
                if (permission == PermissionDecision.DENY || (permission == null && effect.block())) {
                    ObjectNode decision = specific.putObject("decision").put("behavior", "deny");
                    putIfPresent(decision, "message", effect.reason());
                } else if (permission == PermissionDecision.ALLOW) {
                    ObjectNode decision = specific.putObject("decision").put("behavior", "allow");
                    if (effect.updatedInput() != null) {
                        decision.set("updatedInput", effect.updatedInput());
                    }
                }
                // ask and defer: no decision, the permission flow goes on as it would without the hook
            }
            case "PreModelSwitch" -> {
                if (permission == null && effect.block()) {
                    permission = PermissionDecision.DENY;
                }
                if (permission != null) {
                    // PreModelSwitch knows no defer; the next weaker decision that still stops is ask.
                    specific.put("permissionDecision", (permission == PermissionDecision.DEFER ? PermissionDecision.ASK : permission).wire());
                    putIfPresent(specific, "permissionDecisionReason", effect.reason());
                }
            }
            default -> {
                if ((effect.block() || permission == PermissionDecision.DENY) && BLOCKING_EVENTS.contains(event)) {
                    out.put("decision", "block");
                    out.put("reason", effect.reason() != null ? effect.reason() : "Blocked by policy");
                }
            }
        }
        if (effect.additionalContext() != null && CONTEXT_EVENTS.contains(event) && permission != PermissionDecision.DEFER) {
            specific.put("additionalContext", effect.additionalContext());
        }
        if (specific.size() > 1) {
            out.set("hookSpecificOutput", specific);
        }
        if (effect.stop()) {
            out.put("continue", false);
            putIfPresent(out, "stopReason", effect.stopReason());
        }
        putIfPresent(out, "systemMessage", effect.systemMessage());
        return out;
    }

    private static void addIfPresent(List<String> values, String value) {
        if (value != null && !value.isEmpty()) {
            values.add(value);
        }
    }

    private static void putIfPresent(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    private static String joined(List<String> values) {
        return values.isEmpty() ? null : String.join("\n", values);
    }
}
