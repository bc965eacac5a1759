package io.ccos.contracts.events;

import java.util.List;

/**
 * Kafka topic names of the suite. {@code deploy/kafka/topics.conf} declares how each is created
 * (partitions, compaction); a test keeps the two lists equal.
 */
public final class Topics {

    /** Settings changed in config-service; compacted, key = tenant + document. */
    public static final String CONFIG_CHANGED = "ccos.config.changed";
    /** Every MCP tool call seen by mcp-gateway. */
    public static final String TOOL_CALLS = "ccos.tool.calls";
    /** Every hook decision taken by hook-service. */
    public static final String HOOK_DECISIONS = "ccos.hook.decisions";
    /** A session (transcript) was stored by session-service. */
    public static final String SESSION_RECORDED = "ccos.session.recorded";
    /** Tasks handed to agents by agent-service. */
    public static final String AGENT_TASKS = "ccos.agent.tasks";
    /** Results reported by agents. */
    public static final String AGENT_RESULTS = "ccos.agent.results";
    /** Progress of plans and tasks. */
    public static final String AGENT_PROGRESS = "ccos.agent.progress";
    /** The suite-wide audit trail, stored by session-service. */
    public static final String AUDIT = "ccos.audit";

    public static final List<String> ALL = List.of(CONFIG_CHANGED, TOOL_CALLS, HOOK_DECISIONS, SESSION_RECORDED,
            AGENT_TASKS, AGENT_RESULTS, AGENT_PROGRESS, AUDIT);

    private Topics() {
    }
}
