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
    /** A client answered a request that mcp-gateway relayed to it, on another replica (ccos.gateway.relay). */
    public static final String CLIENT_ANSWERED = "io.ccos.gateway.client-answered";
    /** A client cancelled a request, on another replica than the one answering it (ccos.gateway.relay). */
    public static final String CLIENT_CANCELLED = "io.ccos.gateway.client-cancelled";
    /** An upstream told one replica that a list changed or a resource was updated (ccos.gateway.relay). */
    public static final String UPSTREAM_NOTIFIED = "io.ccos.gateway.upstream-notified";
    /** A session subscribed to a resource or unsubscribed, on one replica (ccos.gateway.relay). */
    public static final String RESOURCE_SUBSCRIPTION = "io.ccos.gateway.resource-subscription";

    private EventTypes() {
    }
}
