package io.ccos.hook.decision;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ccos.contracts.problem.ProblemType;
import io.ccos.contracts.security.Permissions;
import io.ccos.platform.edge.JsonBodies;
import io.ccos.platform.problem.ProblemException;
import io.ccos.platform.problem.ProblemWriter;
import io.ccos.platform.security.PermissionNames;
import io.ccos.platform.tenancy.RouteCaller;
import io.ccos.hook.keys.HookKeyIdentities;
import io.ccos.policy.event.HookEvents;
import io.ccos.policy.event.HookInput;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.StringPermission;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;

/**
 * {@code POST /api/v1/hooks/{event}}: Claude Code's http hooks point here
 * ({@code {"type":"http","url":".../api/v1/hooks/PreToolUse"}}). The body is the hook input exactly as
 * Claude Code sends it (unknown fields kept and passed on to command hooks and webhooks), the answer the
 * hook output Claude Code reads. Every readable request gets a 2xx with a decision: Claude Code lets a tool
 * run on any error answer.
 *
 * <p>A plain Vert.x route rather than a REST endpoint: this is the path Claude Code waits on at every step,
 * and the REST layer's per-request work (its handler chain, security interceptors, filters, entity
 * readers and writers) cost more than the decision itself. The caller is admitted, the body read and
 * failures answered exactly as the REST layer does it ({@link RouteCaller}, {@link JsonBodies},
 * {@link ProblemWriter}); src/main/resources/META-INF/openapi.yaml describes the operation.
 */
@ApplicationScoped
public class HookDecisionRoute {

    static final String PATH = "/api/v1/hooks/:event";
    private static final StringPermission DECIDE = PermissionNames.of(Permissions.HOOKS_DECIDE);

    private final HookDecisions decisions;
    private final HookKeyIdentities hookKeys;
    private final RouteCaller callers;
    private final JsonBodies bodies;
    private final ProblemWriter problems;
    private final ObjectMapper json;

    public HookDecisionRoute(HookDecisions decisions, HookKeyIdentities hookKeys, RouteCaller callers, JsonBodies bodies,
            ProblemWriter problems, ObjectMapper json) {
        this.decisions = decisions;
        this.hookKeys = hookKeys;
        this.callers = callers;
        this.bodies = bodies;
        this.problems = problems;
        this.json = json;
    }

    void register(@Observes Router router) {
        router.post(PATH).handler(this::decide); // the answer is JSON whatever Accept says: it is what Claude Code reads
    }

    void decide(RoutingContext context) {
        bodies.hold(context);
        String event = context.pathParam("event");
        caller(context)
                .compose(identity -> bodies.read(context)
                        .compose(body -> decisions.decide(input(event, body), identity.getPrincipal().getName())))
                .onSuccess(answer -> answer(context, answer))
                .onFailure(failure -> refuse(context, failure));
    }

    /** A hook key, what Claude Code sends, is checked from memory; a Keycloak token goes through the pipeline. */
    private Future<SecurityIdentity> caller(RoutingContext context) {
        Optional<String> key = HookKeyIdentities.presented(context);
        if (key.isEmpty()) {
            return callers.admit(context, DECIDE);
        }
        return hookKeys.of(key.get())
                .map(identity -> callers.admit(context, identity, DECIDE))
                .orElseGet(() -> Future.failedFuture(new AuthenticationFailedException("unknown or revoked hook key")));
    }

    private static HookInput input(String event, JsonNode body) {
        // Events this version does not know by name are accepted (newer Claude Code versions add events):
        // only the tenant's hooks written for them run.
        if (!HookEvents.isWellFormed(event)) {
            throw new ProblemException(ProblemType.NOT_FOUND,
                    "No hook event '" + event + "': events are named as Claude Code names them, e.g. PreToolUse");
        }
        if (!(body instanceof ObjectNode input)) {
            throw ProblemException.invalid("", "the hook input must be a JSON object");
        }
        JsonNode named = input.get("hook_event_name");
        if (named != null && !event.equals(named.asText())) {
            throw ProblemException.invalid("/hook_event_name", "is '" + named.asText() + "' but the request is for " + event);
        }
        return new HookInput(event, input);
    }

    private void refuse(RoutingContext context, Throwable failure) {
        bodies.release(context);
        problems.send(context, failure);
    }

    private void answer(RoutingContext context, ObjectNode answer) {
        byte[] written;
        try {
            written = json.writeValueAsBytes(answer);
        } catch (JsonProcessingException e) {
            problems.send(context, e);
            return;
        }
        context.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(Buffer.buffer(written));
    }
}
