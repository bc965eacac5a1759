package io.ccos.hook.decision;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ccos.contracts.audit.AuditRecorded;
import io.ccos.contracts.events.EventTypes;
import io.ccos.contracts.events.Topics;
import io.ccos.contracts.hooks.HookDecided;
import io.ccos.hook.registry.TenantHookPolicies;
import io.ccos.platform.events.DirectEvents;
import io.ccos.platform.tenancy.CallerTenant;
import io.ccos.policy.PolicyEvaluator;
import io.ccos.policy.decision.Effect;
import io.ccos.policy.decision.HookAnswer;
import io.ccos.policy.decision.HookResult;
import io.ccos.policy.event.HookInput;
import io.ccos.policy.registry.FailMode;
import io.ccos.policy.registry.TenantPolicies;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.trace.Span;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Decides a hook event for the caller's tenant from its registry in memory, and hands the decision to
 * ccos.hook.decisions and ccos.audit without waiting for either (DirectEvents buffers, batches and, with
 * Kafka away, spills to the outbox). Nothing here reads the database or waits for Kafka.
 */
@ApplicationScoped
public class HookDecisions {

    private final TenantHookPolicies policies;
    private final PolicyEvaluator evaluator;
    private final PolicyEvaluator eventDriven;
    private final DirectEvents events;
    private final CallerTenant tenant;
    private final MeterRegistry metrics;
    private final AuditConfig config;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    public HookDecisions(TenantHookPolicies policies, ExternalHookRunner external, DirectEvents events, CallerTenant tenant,
            MeterRegistry metrics, AuditConfig config) {
        this.policies = policies;
        this.evaluator = new PolicyEvaluator(external);
        this.eventDriven = new PolicyEvaluator(external.retrying());
        this.events = events;
        this.tenant = tenant;
        this.metrics = metrics;
        this.config = config;
    }

    /** The answer for Claude Code; completes on the calling (request's) context. */
    public Future<ObjectNode> decide(HookInput input, String user) {
        return decide(input, user, evaluator);
    }

    /**
     * A decision nobody waits for, made for an event (a tool call mcp-gateway made): the same hooks, audit and
     * events, with webhooks retried as their hooks say. Completes on the calling (event's) context.
     */
    public Future<ObjectNode> decideEvent(HookInput input, String user) {
        return decide(input, user, eventDriven);
    }

    private Future<ObjectNode> decide(HookInput input, String user, PolicyEvaluator evaluator) {
        long started = System.nanoTime();
        String tenantId = tenant.id();
        TenantPolicies.Applied registry = policies.of(tenantId);
        CompletableFuture<HookAnswer> answer = evaluator.evaluate(registry.policy(), input).toCompletableFuture();
        if (answer.isDone()) { // rules only: decided on this thread
            return answered(input, user, registry, answer.join(), System.nanoTime() - started);
        }
        // Commands and webhooks finish on threads of their own: the answer is written on the request's
        // context, where its tenant, trace and security identity are.
        return Future.fromCompletionStage(answer, Vertx.currentContext())
                .compose(done -> answered(input, user, registry, done, System.nanoTime() - started));
    }

    private Future<ObjectNode> answered(HookInput input, String user, TenantPolicies.Applied registry, HookAnswer answer, long nanos) {
        String decisionId = UUID.randomUUID().toString();
        String outcome = answer.outcome();
        measure(input.event(), answer, outcome, nanos);
        Span span = Span.current();
        span.setAttribute("ccos.hook.event", input.event());
        span.setAttribute("ccos.hook.outcome", outcome);
        span.setAttribute("ccos.hook.decision_id", decisionId);
        List<HookDecided.HookRun> runs = answer.results().stream()
                .map(r -> new HookDecided.HookRun(r.hookId(), r.kind(), HookAnswer.outcome(input.event(), r.effect()), r.error(),
                        r.failedClosed(), r.nanos() / 1000))
                .toList();
        HookDecided decided = new HookDecided(decisionId, user, input.sessionId(), input.text("prompt_id"), input.text("tool_use_id"),
                input.event(), input.toolName(), outcome, answer.effect().reason(), runs, nanos / 1000, Instant.now());
        events.emit(Topics.HOOK_DECISIONS, EventTypes.HOOK_DECIDED, decisionId, decided);
        AuditRecorded audit = audit(decided, registry.version());
        if (!registry.policy().strictAudit()) {
            events.emit(Topics.AUDIT, EventTypes.AUDIT_RECORDED, decisionId, audit);
            return Future.succeededFuture(claudeCode(answer, decisionId, registry.version(), null));
        }
        // Strict audit: no answer before the audit record is durable (Kafka's ack, or the outbox with Kafka away).
        CompletableFuture<Void> durable = events.emitDurably(Topics.AUDIT, EventTypes.AUDIT_RECORDED, decisionId, audit)
                .orTimeout(config.strictTimeout().toMillis(), TimeUnit.MILLISECONDS);
        return Future.fromCompletionStage(durable, Vertx.currentContext())
                .map(ok -> claudeCode(answer, decisionId, registry.version(), null))
                .otherwise(failure -> claudeCode(auditUnavailable(input.event(), answer), decisionId, registry.version(),
                        "the audit record was not acknowledged within " + config.strictTimeout().toMillis() + " ms (strict audit)"));
    }

    /**
     * Without its audit record a decision that guards an action fails closed, as a failed hook does
     * (FailMode): a tool call is denied; events that guard nothing are answered as decided.
     */
    private static HookAnswer auditUnavailable(String event, HookAnswer answer) {
        if (FailMode.defaultFor(event) != FailMode.CLOSED) {
            return answer;
        }
        List<HookResult> results = new java.util.ArrayList<>(answer.results());
        results.add(new HookResult("ccos.strict-audit", "audit",
                Effect.deny("The audit of this decision could not be recorded, and this tenant requires it (strict audit)"),
                "audit record not acknowledged", true, 0));
        return HookAnswer.combine(event, results);
    }

    private static ObjectNode claudeCode(HookAnswer answer, String decisionId, long registryVersion, String auditError) {
        ObjectNode out = answer.toClaudeCode();
        // Claude Code ignores fields it does not know: the decision's id and each hook's outcome ride along.
        ObjectNode meta = out.putObject("ccos").put("decisionId", decisionId).put("outcome", answer.outcome()).put("registryVersion", registryVersion);
        for (HookResult result : answer.results()) {
            ObjectNode hook = meta.withArray("hooks").addObject().put("id", result.hookId()).put("kind", result.kind());
            if (result.error() != null) {
                hook.put("error", result.error()).put("failedClosed", result.failedClosed());
            }
        }
        if (auditError != null) {
            meta.put("auditError", auditError);
        }
        return out;
    }

    private static AuditRecorded audit(HookDecided decided, long registryVersion) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("decisionId", decided.decisionId());
        details.put("event", decided.event());
        putIfPresent(details, "sessionId", decided.sessionId());
        putIfPresent(details, "promptId", decided.promptId());
        putIfPresent(details, "toolUseId", decided.toolUseId());
        putIfPresent(details, "toolName", decided.toolName());
        putIfPresent(details, "reason", decided.reason());
        details.put("hooks", decided.hooks().stream().map(HookDecided.HookRun::id).toList());
        details.put("registryVersion", registryVersion);
        details.put("durationMicros", decided.durationMicros());
        String resource = decided.toolUseId() != null ? "tool_use/" + decided.toolUseId()
                : decided.sessionId() != null ? "session/" + decided.sessionId() : "hook/" + decided.event();
        return new AuditRecorded(decided.user(), "hook.decide", resource, decided.outcome(), decided.decidedAt(), details);
    }

    private static void putIfPresent(Map<String, Object> details, String key, Object value) {
        if (value != null) {
            details.put(key, value);
        }
    }

    private void measure(String event, HookAnswer answer, String outcome, long nanos) {
        // Claude Code's events are a known set; an unknown name is counted as "other" so callers cannot add series.
        String tagEvent = io.ccos.policy.event.HookEvents.isKnown(event) ? event : "other";
        timer(tagEvent, "decision", outcome).record(nanos, TimeUnit.NANOSECONDS);
        for (HookResult result : answer.results()) {
            timer(tagEvent, result.kind(), result.error() != null ? "error" : HookAnswer.outcome(event, result.effect()))
                    .record(result.nanos(), TimeUnit.NANOSECONDS);
        }
        counters.computeIfAbsent(tagEvent + '|' + outcome, key -> Counter.builder("hook.decisions")
                .description("Hook decisions answered, by event and outcome")
                .tag("event", tagEvent).tag("decision", outcome).register(metrics)).increment();
    }

    private Timer timer(String event, String kind, String decision) {
        return timers.computeIfAbsent(event + '|' + kind + '|' + decision, key -> Timer.builder("hook.execution.time")
                .description("Time to decide a hook event (kind decision) and to run each hook (rule, command, webhook)")
                .tag("event", event).tag("kind", kind).tag("decision", decision)
                .register(metrics));
    }
}
