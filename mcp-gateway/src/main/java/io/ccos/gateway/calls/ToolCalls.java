package io.ccos.gateway.calls;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ccos.contracts.audit.AuditRecorded;
import io.ccos.contracts.events.EventTypes;
import io.ccos.contracts.events.Topics;
import io.ccos.contracts.tools.ToolCalled;
import io.ccos.gateway.downstream.McpRequest;
import io.ccos.gateway.policy.ToolCallPolicy;
import io.ccos.gateway.upstream.UpstreamConnections;
import io.ccos.gateway.upstream.UpstreamTarget;
import io.ccos.platform.events.DirectEvents;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.trace.Span;
import io.vertx.core.Future;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A governed tools/call: decided by the tenant's policy, relayed to the upstream, measured, and handed to ccos.tool.calls and ccos.audit
 * without waiting for either (DirectEvents batches them and spills to the outbox when Kafka is away).
 */
@ApplicationScoped
public class ToolCalls {

    private static final String ACTION = "tool.call";

    private final UpstreamConnections connections;
    private final ToolCallPolicy policy;
    private final DirectEvents events;
    private final ObjectMapper json;
    private final MeterRegistry metrics;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    public ToolCalls(UpstreamConnections connections, ToolCallPolicy policy, DirectEvents events, ObjectMapper json, MeterRegistry metrics) {
        this.connections = connections;
        this.policy = policy;
        this.events = events;
        this.json = json;
        this.metrics = metrics;
    }

    /**
     * Calls {@code tool} of the target's server with the request's arguments, if the tenant's policy allows it;
     * the result is the upstream's CallToolResult, or a tool error saying why the call was refused.
     */
    public Future<JsonNode> call(McpRequest request, UpstreamTarget target, String tool, ObjectNode params) {
        long started = System.nanoTime();
        Instant calledAt = Instant.now();
        String callId = request.toolUseId() != null ? request.toolUseId() : UUID.randomUUID().toString();
        Span span = Span.current();
        span.setAttribute("ccos.mcp.server", target.name());
        span.setAttribute("ccos.mcp.tool", tool);
        span.setAttribute("ccos.mcp.call_id", callId);
        return policy.check(request.tenant(), request.user(), target.name(), tool, params.get("arguments"), request.toolUseId())
                .compose(verdict -> {
                    span.setAttribute("ccos.mcp.policy", verdict.allowed() ? "allow" : "deny");
                    if (!verdict.allowed()) {
                        recorded(request, target, tool, verdict.arguments(), callId, "denied", null, verdict.reason(), started, calledAt);
                        return Future.succeededFuture(toolError(verdict.reason()));
                    }
                    if (verdict.arguments() != params.get("arguments")) { // a hook's updatedInput
                        params.set("arguments", verdict.arguments());
                    }
                    return connections.call(target, "tools/call", params, request.control()).andThen(done -> {
                        JsonNode result = done.succeeded() ? done.result() : null;
                        boolean failed = done.failed() || result.path("isError").asBoolean(false);
                        String error = done.failed() ? done.cause().getMessage() : failed ? "the tool answered isError" : null;
                        recorded(request, target, tool, params.path("arguments"), callId, failed ? "error" : "ok", result, error, started, calledAt);
                    });
                });
    }

    /** A call refused before policy was asked (the server's access rules): audited as denied. */
    public void refused(McpRequest request, UpstreamTarget target, String tool, ObjectNode params, String reason) {
        String callId = request.toolUseId() != null ? request.toolUseId() : UUID.randomUUID().toString();
        recorded(request, target, tool, params.path("arguments"), callId, "denied", null, reason, System.nanoTime(), Instant.now());
    }

    /** A CallToolResult with isError: what the model reads, as MCP asks for errors of the tool rather than of the protocol. */
    private ObjectNode toolError(String reason) {
        ObjectNode result = json.createObjectNode().put("isError", true);
        result.putArray("content").addObject().put("type", "text").put("text", reason);
        return result;
    }

    @SuppressWarnings("unchecked")
    private void recorded(McpRequest request, UpstreamTarget target, String tool, JsonNode arguments, String callId, String outcome,
            JsonNode result, String error, long started, Instant calledAt) {
        long nanos = System.nanoTime() - started;
        String series = target.name() + '|' + outcome;
        timers.computeIfAbsent(series, key -> Timer.builder("tool.execution.time")
                .description("Governed MCP tool calls at the gateway, by server and outcome")
                .tag("server", target.name()).tag("outcome", outcome).register(metrics)).record(nanos, TimeUnit.NANOSECONDS);
        counters.computeIfAbsent(series, key -> Counter.builder("tool.calls")
                .description("Governed MCP tool calls, by server and outcome")
                .tag("server", target.name()).tag("outcome", outcome).register(metrics)).increment();
        Map<String, Object> args = arguments.isObject() ? json.convertValue(arguments, Map.class) : Map.of();
        Map<String, Object> answer = result != null && result.isObject() ? json.convertValue(result, Map.class) : null;
        ToolCalled called = new ToolCalled(callId, request.user(), null, target.name(), tool, args, outcome, answer, error,
                nanos / 1000, calledAt);
        events.emit(Topics.TOOL_CALLS, EventTypes.TOOL_CALLED, callId, called);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("callId", callId);
        details.put("server", target.name());
        details.put("tool", tool);
        details.put("toolName", called.toolName());
        if (request.sessionId() != null) {
            details.put("clientSession", request.sessionId().substring(0, Math.min(16, request.sessionId().length())));
        }
        if (error != null) {
            details.put("error", error);
        }
        details.put("durationMicros", nanos / 1000);
        events.emit(Topics.AUDIT, EventTypes.AUDIT_RECORDED, callId, new AuditRecorded(request.user(), ACTION, "tool_use/" + callId, outcome,
                calledAt, details));
    }
}
