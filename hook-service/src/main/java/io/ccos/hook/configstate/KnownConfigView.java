package io.ccos.hook.configstate;

import java.time.Instant;
import java.util.UUID;

/** What hook-service knows of a settings document, as the API shows it. */
public record KnownConfigView(UUID documentId, String tenant, String scope, String name, long version,
        String changedBy, String eventId, String traceId, Instant receivedAt) {

    static KnownConfigView of(KnownConfig known) {
        return new KnownConfigView(known.documentId, known.tenantId, known.scope, known.name, known.version,
                known.changedBy, known.eventId, known.traceId, known.receivedAt);
    }
}
