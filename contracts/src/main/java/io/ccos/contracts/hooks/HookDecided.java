package io.ccos.contracts.hooks;

import java.time.Instant;
import java.util.List;

/**
 * Data of {@code io.ccos.hook.decided} on ccos.hook.decisions: one answer of hook-service to a Claude Code
 * hook event, with every hook that ran.
 *
 * @param decisionId     also in the answer (ccos.decisionId) and the audit record
 * @param user           the caller's subject
 * @param sessionId      Claude Code's session_id
 * @param promptId       Claude Code's prompt_id, shared with its OpenTelemetry events
 * @param toolUseId      for tool events: the tool_use_id, also in the transcript and in ccos.tool.calls
 * @param event          the hook event (PreToolUse, Stop, ...)
 * @param toolName       for tool events
 * @param outcome        deny, defer, ask, allow, block, stop or none
 * @param reason         the reason given to Claude Code, if any
 * @param hooks          the hooks that ran
 * @param durationMicros from the request's arrival to the answer
 * @param decidedAt      when
 */
public record HookDecided(String decisionId, String user, String sessionId, String promptId, String toolUseId, String event,
        String toolName, String outcome, String reason, List<HookRun> hooks, long durationMicros, Instant decidedAt) {

    /**
     * One hook of a decision.
     *
     * @param error        why it failed, or null
     * @param failedClosed whether its failure was answered as a deny by its fail mode
     */
    public record HookRun(String id, String kind, String outcome, String error, boolean failedClosed, long durationMicros) {
    }
}
