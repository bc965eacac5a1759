package io.ccos.session.catalog;

import io.ccos.contracts.problem.ProblemType;
import io.ccos.platform.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** The sessions of the caller's tenant. */
@ApplicationScoped
public class SessionStore {

    @WithTransaction
    public Uni<SessionView> register(SessionRegistration registration, String registeredBy) {
        return Session.count("claudeSessionId", registration.claudeSessionId()).chain(existing -> {
            if (existing > 0) {
                return Uni.createFrom().failure(new ProblemException(ProblemType.CONFLICT,
                        "Session " + registration.claudeSessionId() + " is already registered"));
            }
            Session session = new Session();
            session.id = UUID.randomUUID();
            session.claudeSessionId = registration.claudeSessionId();
            session.project = registration.project();
            session.registeredBy = registeredBy;
            session.registeredAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
            // Flushed: Hibernate fills in the @TenantId column on flush, and the view shows it.
            return session.<Session>persistAndFlush().map(SessionView::of);
        });
    }

    /** The session, or null. */
    @WithSession
    public Uni<SessionView> find(UUID id) {
        return Session.<Session>findById(id).map(session -> session == null ? null : SessionView.of(session));
    }
}
