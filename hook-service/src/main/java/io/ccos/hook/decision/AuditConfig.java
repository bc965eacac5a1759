package io.ccos.hook.decision;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The audit of hook decisions ({@code ccos.hooks.audit.*}). */
@ConfigMapping(prefix = "ccos.hooks.audit")
public interface AuditConfig {

    /**
     * For tenants with strict audit ({@code "audit": {"strict": true}} in their hook registry): how long a
     * decision waits for its audit record to be acknowledged by Kafka (or written to the outbox) before it
     * fails closed. Keep it well under the timeout of Claude Code's http hook.
     */
    @WithDefault("2s")
    Duration strictTimeout();
}
