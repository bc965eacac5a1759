package io.ccos.hook.decision;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ccos.contracts.problem.ProblemType;
import io.ccos.contracts.security.Permissions;
import io.ccos.platform.problem.ProblemException;
import io.ccos.policy.event.HookEvents;
import io.ccos.policy.event.HookInput;
import io.quarkus.security.PermissionsAllowed;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * Claude Code's http hooks point here ({@code {"type":"http","url":".../api/v1/hooks/PreToolUse"}}): the
 * body is the hook input exactly as Claude Code sends it (unknown fields kept and passed on to command
 * hooks and webhooks), the answer the hook output Claude Code reads. Every readable request gets a 2xx
 * with a decision: Claude Code lets a tool run on any error answer.
 */
@Path("/api/v1/hooks")
@Produces(MediaType.APPLICATION_JSON)
public class HookDecisionResource {

    private final HookDecisions decisions;
    private final SecurityIdentity identity;

    public HookDecisionResource(HookDecisions decisions, SecurityIdentity identity) {
        this.decisions = decisions;
        this.identity = identity;
    }

    /**
     * Decides one hook event. Events this version does not know by name are accepted (newer Claude Code
     * versions add events): only the tenant's hooks written for them run.
     */
    @POST
    @Path("/{event}")
    @Consumes(MediaType.APPLICATION_JSON)
    @PermissionsAllowed(Permissions.HOOKS_DECIDE)
    public Uni<ObjectNode> decide(@PathParam("event") String event, JsonNode body) {
        // Checked here rather than by Bean Validation: its interceptor was an eighth of a decision's cost.
        if (!HookEvents.isWellFormed(event)) {
            throw new ProblemException(ProblemType.NOT_FOUND, "No hook event '" + event + "': events are named as Claude Code names them, e.g. PreToolUse");
        }
        if (!(body instanceof ObjectNode input)) {
            throw ProblemException.invalid("", "the hook input must be a JSON object");
        }
        JsonNode named = input.get("hook_event_name");
        if (named != null && !event.equals(named.asText())) {
            throw ProblemException.invalid("/hook_event_name", "is '" + named.asText() + "' but the request is for " + event);
        }
        return decisions.decide(new HookInput(event, input), identity.getPrincipal().getName());
    }
}
