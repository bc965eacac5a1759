package io.ccos.contracts.events;

/** CloudEvents {@code type} values: {@code io.ccos.<entity>.<verb>}. */
public final class EventTypes {

    public static final String CONFIG_CHANGED = "io.ccos.config.changed";
    /** hook-service decided a hook event (ccos.hook.decisions). */
    public static final String HOOK_DECIDED = "io.ccos.hook.decided";
    /** mcp-gateway made a governed tool call (ccos.tool.calls). */
    public static final String TOOL_CALLED = "io.ccos.tool.called";
    /** An action worth an audit record (ccos.audit). */
    public static final String AUDIT_RECORDED = "io.ccos.audit.recorded";

    private EventTypes() {
    }
}
