package io.ccos.contracts.audit;

import java.time.Instant;
import java.util.Map;

/**
 * Data of {@code io.ccos.audit.recorded} on ccos.audit: one action worth keeping in the tenant's audit log
 * (session-service chains them per tenant). The tenant is the CloudEvent's.
 *
 * @param actor    who (a user's subject, a service account)
 * @param action   what, as service.verb ("hook.decide")
 * @param resource on what ("session/<id>", "tool_use/<id>")
 * @param outcome  how it ended (allow, deny, ..., ok, failed)
 * @param at       when
 * @param details  what else an auditor needs (no secrets)
 */
public record AuditRecorded(String actor, String action, String resource, String outcome, Instant at, Map<String, Object> details) {
}
