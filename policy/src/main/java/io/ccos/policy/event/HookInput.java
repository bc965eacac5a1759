package io.ccos.policy.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * One hook input as Claude Code sends it (stdin of a command hook, body of an http hook), kept whole:
 * unknown fields stay, so command hooks and webhooks receive exactly what Claude Code sent. It also keeps
 * what the rules of one decision derive from it ({@link #derived}), so that several rules reading the same
 * command or tool_input pay for splitting or converting it once. The input is not to be changed once made.
 */
public final class HookInput {

    private final String event;
    private final ObjectNode json;
    private Map<Object, Object> derived; // written by the deciding thread only: rules run on one thread

    /**
     * @param event the hook event, from the request path (Claude Code's hook_event_name says the same)
     * @param json  the input object
     */
    public HookInput(String event, ObjectNode json) {
        this.event = event;
        this.json = json;
    }

    public String event() {
        return event;
    }

    public ObjectNode json() {
        return json;
    }

    /**
     * A value derived from this input, computed on first use under {@code key} (a constant of the deriving
     * class) and kept for the rest of the decision.
     */
    @SuppressWarnings("unchecked")
    public <T> T derived(Object key, Function<HookInput, T> derivation) {
        if (derived == null) {
            derived = new HashMap<>(4);
        }
        Object value = derived.get(key);
        if (value == null) {
            value = derivation.apply(this);
            derived.put(key, value);
        }
        return (T) value;
    }

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
