package io.ccos.testing.anthropic;

import java.util.Map;

/** One scripted assistant turn: either plain text or a single tool call. */
public sealed interface ScriptedReply {

    static ScriptedReply text(String text) {
        return new Text(text);
    }

    static ScriptedReply toolUse(String tool, Map<String, Object> input) {
        return new ToolUse(tool, input);
    }

    record Text(String text) implements ScriptedReply {
    }

    record ToolUse(String tool, Map<String, Object> input) implements ScriptedReply {
    }
}
