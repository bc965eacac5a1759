package io.ccos.policy.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One hook input as Claude Code sends it (stdin of a command hook, body of an http hook), kept whole:
 * unknown fields stay, so command hooks and webhooks receive exactly what Claude Code sent.
 *
 * @param event the hook event, from the request path (Claude Code's hook_event_name says the same)
 * @param json  the input object
 */
public record HookInput(String event, ObjectNode json) {

    public String text(String field) {
        JsonNode value = json.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }

    public String toolName() {
        return text("tool_name");
    }

    /** The tool's input object, or an empty object. */
    public JsonNode toolInput() {
        JsonNode input = json.get("tool_input");
        return input != null && input.isObject() ? input : json.objectNode();
    }

    public String sessionId() {
        return text("session_id");
    }

    public String cwd() {
        return text("cwd");
    }

    /**
     * The value the event's matcher is compared against: a tool name, a source, a reason; for FileChanged
     * the changed file's base name. An absent value matches as the empty string.
     */
    public String matchedValue() {
        String field = HookEvents.matchedField(event);
        String value = field == null ? null : text(field);
        if (value != null && "FileChanged".equals(event)) {
            value = value.substring(value.lastIndexOf('/') + 1);
        }
        return value == null ? "" : value;
    }

    /** The user's home directory, as far as the transcript path tells it (…/.claude/projects/…). */
    public String homeDirectory() {
        String transcript = text("transcript_path");
        int claude = transcript == null ? -1 : transcript.indexOf("/.claude/");
        return claude > 0 ? transcript.substring(0, claude) : null;
    }
}
