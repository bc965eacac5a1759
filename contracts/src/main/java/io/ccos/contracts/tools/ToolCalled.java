package io.ccos.contracts.tools;

import java.time.Instant;
import java.util.Map;

/**
 * A governed MCP tool call that mcp-gateway made (ccos.tool.calls, type {@code io.ccos.tool.called}, key
 * {@code <tenant>/<callId>}). hook-service runs the tenant's PostToolUse hooks on it asynchronously, and
 * session-service joins it to the transcript entry whose tool_use_id it names.
 *
 * @param callId         the gateway's id of the call; Claude Code's tool_use_id when the client sent one
 * @param user           who called (the token's subject)
 * @param sessionId      the Claude Code session, when the client named it; null otherwise
 * @param server         the upstream server's name in the tenant
 * @param tool           the tool's name on that server
 * @param arguments      the call's arguments, as sent (secrets are the caller's: the gateway redacts none)
 * @param outcome        {@code ok}, {@code error} (the tool answered isError or the upstream failed) or {@code denied} (policy)
 * @param result         the tool's result (MCP CallToolResult), possibly cut to the gateway's audit limit; null when denied
 * @param error          why it failed or was denied; null when ok
 * @param durationMicros how long the call took at the gateway
 * @param calledAt       when the gateway received it
 */
public record ToolCalled(String callId, String user, String sessionId, String server, String tool, Map<String, Object> arguments,
        String outcome, Map<String, Object> result, String error, long durationMicros, Instant calledAt) {

    /** The name Claude Code and the hook registry give the tool: {@code mcp__<server>__<tool>}. */
    public String toolName() {
        return "mcp__" + server + "__" + tool;
    }
}
