package io.ccos.policy.decision;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;
import java.util.Set;

/**
 * Reads what a command hook or webhook answered, by Claude Code's rules for command hooks: exit 0 with a
 * JSON object on stdout is its decision, with nothing an empty answer, with plain text context for the
 * model on the few events that take it; exit 2 blocks with stderr as the reason; any other exit code is a
 * failure (the hook's fail mode decides).
 */
public final class HookOutputs {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Where plain stdout of exit 0 becomes context for the model. */
    private static final Set<String> PLAIN_TEXT_CONTEXT = Set.of("UserPromptSubmit", "UserPromptExpansion", "SessionStart", "PostModelSwitch");

    private HookOutputs() {
    }

    /** A failure of a hook's answer: the hook's fail mode decides what it means. */
    public static final class UnreadableAnswer extends Exception {
        public UnreadableAnswer(String message) {
            super(message, null, false, false);
        }
    }

    /** The effect of a finished command hook. */
    public static Effect ofCommand(String event, int exitCode, String stdout, String stderr) throws UnreadableAnswer {
        return switch (exitCode) {
            case 0 -> ofAnswer(event, stdout);
            case 2 -> {
                String reason = stderr == null || stderr.isBlank() ? "Blocked by a hook (exit code 2)" : stderr.strip();
                yield Effect.deny(reason);
            }
            default -> throw new UnreadableAnswer("exit code " + exitCode + firstLine(stderr));
        };
    }

    /** The effect of an answer body: empty, a JSON object of Claude Code's hook output, or plain text. */
    public static Effect ofAnswer(String event, String body) throws UnreadableAnswer {
        String text = body == null ? "" : body.strip();
        if (text.isEmpty()) {
            return Effect.NONE;
        }
        if (text.startsWith("{") && text.endsWith("}")) {
            try {
                return ofJson(event, JSON.readTree(text));
            } catch (JsonProcessingException e) {
                throw new UnreadableAnswer("the answer is not valid JSON (" + e.getOriginalMessage() + ")");
            }
        }
        if (PLAIN_TEXT_CONTEXT.contains(event)) {
            return new Effect(null, false, null, text, null, null, false, null);
        }
        return Effect.NONE;
    }

    static Effect ofJson(String event, JsonNode out) throws UnreadableAnswer {
        JsonNode specific = out.path("hookSpecificOutput");
        PermissionDecision permission = null;
        String reason = null;
        JsonNode updatedInput = null;
        try {
            if (specific.has("permissionDecision")) {
                permission = PermissionDecision.fromWire(specific.get("permissionDecision").asText());
                reason = textOf(specific, "permissionDecisionReason").orElse(null);
            }
            JsonNode decision = specific.path("decision");
            if (decision.isObject() && decision.has("behavior")) { // PermissionRequest
                permission = PermissionDecision.fromWire(decision.get("behavior").asText());
                reason = textOf(decision, "message").orElse(reason);
                updatedInput = decision.get("updatedInput");
            }
        } catch (IllegalArgumentException e) {
            throw new UnreadableAnswer(e.getMessage());
        }
        if (specific.path("updatedInput").isObject()) {
            updatedInput = specific.get("updatedInput");
        }
        boolean block = permission == PermissionDecision.DENY;
        String topDecision = out.path("decision").asText("");
        if (topDecision.equals("block")) {
            block = true;
            reason = textOf(out, "reason").orElse(reason);
            if (permission == null && (event.equals("PreToolUse") || event.equals("PermissionRequest"))) {
                permission = PermissionDecision.DENY;
            }
        } else if (topDecision.equals("approve") && permission == null && event.equals("PreToolUse")) {
            permission = PermissionDecision.ALLOW;
            reason = textOf(out, "reason").orElse(null);
        }
        boolean stop = out.has("continue") && !out.get("continue").asBoolean(true);
        return new Effect(permission, block, reason, textOf(specific, "additionalContext").orElse(null), updatedInput,
                textOf(out, "systemMessage").orElse(null), stop, textOf(out, "stopReason").orElse(null));
    }

    private static Optional<String> textOf(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? Optional.of(value.asText()) : Optional.empty();
    }

    private static String firstLine(String stderr) {
        if (stderr == null || stderr.isBlank()) {
            return "";
        }
        String line = stderr.strip().lines().findFirst().orElse("");
        return ": " + (line.length() > 200 ? line.substring(0, 200) + "..." : line);
    }
}
