package io.ccos.session.catalog;

import java.time.Instant;
import java.util.UUID;

public record SessionView(UUID id, String tenant, String claudeSessionId, String project, String registeredBy,
        Instant registeredAt) {

    static SessionView of(Session session) {
        return new SessionView(session.id, session.tenantId, session.claudeSessionId, session.project,
                session.registeredBy, session.registeredAt);
    }
}
