package io.ccos.contracts.events;

import java.util.List;
import java.util.stream.Stream;

/**
 * Kafka topic names of the suite. {@code deploy/kafka/topics.conf} declares how each is created
 * (partitions, compaction); a test keeps the two lists equal. Brokers should not auto-create topics.
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
    /**
     * Messages between mcp-gateway's replicas about a client's session: an answer to a request the gateway
     * relayed to the client, a cancel, that reached another replica than the one waiting. Every replica reads
     * all of it; kept an hour.
     */
    public static final String GATEWAY_RELAY = "ccos.gateway.relay";

    /** The services; each has a dead-letter topic for the events its consumers could not process. */
    public static final List<String> SERVICES = List.of("config-service", "session-service", "hook-service",
            "mcp-gateway", "agent-service");

    public static final List<String> ALL = Stream.concat(
            Stream.of(CONFIG_CHANGED, TOOL_CALLS, HOOK_DECISIONS, SESSION_RECORDED, AGENT_TASKS, AGENT_RESULTS,
                    AGENT_PROGRESS, AUDIT, GATEWAY_RELAY),
            SERVICES.stream().map(Topics::deadLetter)).toList();

    private Topics() {
    }

    /**
     * Where a service's consumers put records they could not process, with the failure in the record's
     * {@code dead-letter-*} headers, for an operator to inspect and replay.
     */
    public static String deadLetter(String service) {
        return "ccos.dlq." + service;
    }
}
