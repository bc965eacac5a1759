package io.ccos.hook.toolcalls;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ccos.contracts.tools.ToolCalled;
import io.ccos.hook.decision.HookDecisions;
import io.ccos.platform.events.IncomingEvents;
import io.ccos.policy.event.HookInput;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * The event-driven integration path: every tool call mcp-gateway makes (ccos.tool.calls) runs the tenant's
 * PostToolUse hooks, as Claude Code would run them after a tool, but asynchronously: nobody waits for the
 * answer, so webhooks are retried as their hooks say, and the outcome goes to ccos.hook.decisions and
 * ccos.audit like any decision. Each call's hooks run once (the event id is claimed first); the hooks
 * themselves run after the claim commits, so a crash while they run skips them rather than repeating them.
 */
@ApplicationScoped
public class ToolCallHooks {

    static final String CONSUMER = "tool-call-hooks";
    private static final Logger LOG = Logger.getLogger(ToolCallHooks.class);

    private final IncomingEvents events;
    private final HookDecisions decisions;
    private final ObjectMapper json;

    public ToolCallHooks(IncomingEvents events, HookDecisions decisions, ObjectMapper json) {
        this.events = events;
        this.decisions = decisions;
        this.json = json;
    }

    @Incoming("tool-calls")
    public Uni<Void> onToolCall(Message<String> message) {
        return events.handle(message, ToolCalled.class, CONSUMER, event -> {
            ToolCalled call = event.data();
            decisions.decideEvent(postToolUse(call), call.user())
                    .onFailure(failure -> LOG.warnf("PostToolUse hooks of tool call %s failed: %s", call.callId(), failure.getMessage()));
            return Uni.createFrom().voidItem();
        });
    }

    /** The PostToolUse input Claude Code would send for this call, from what the gateway saw. */
    HookInput postToolUse(ToolCalled call) {
        ObjectNode input = json.createObjectNode();
        if (call.sessionId() != null) {
            input.put("session_id", call.sessionId());
        }
        input.put("hook_event_name", "PostToolUse")
                .put("tool_name", call.toolName())
                .put("tool_use_id", call.callId());
        input.set("tool_input", call.arguments() == null ? json.createObjectNode() : json.valueToTree(call.arguments()));
        input.set("tool_response", call.result() == null ? json.nullNode() : json.valueToTree(call.result()));
        // Fields Claude Code does not send, so that a hook can tell where the call came from.
        input.put("ccos_source", "mcp-gateway").put("ccos_outcome", call.outcome());
        if (call.error() != null) {
            input.put("ccos_error", call.error());
        }
        return new HookInput("PostToolUse", input);
    }
}
