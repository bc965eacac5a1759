package io.ccos.session.catalog;

import io.ccos.contracts.problem.ProblemType;
import io.ccos.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

/** The sessions of the caller's tenant. */
@ApplicationScoped
public class SessionCatalog {

    @Transactional
    public SessionView register(SessionRegistration registration, String registeredBy) {
        if (Session.count("claudeSessionId", registration.claudeSessionId()) > 0) {
            throw new ProblemException(ProblemType.CONFLICT,
                    "Session " + registration.claudeSessionId() + " is already registered");
        }
        Session session = new Session();
        session.id = UUID.randomUUID();
        session.claudeSessionId = registration.claudeSessionId();
        session.project = registration.project();
        session.registeredBy = registeredBy;
        session.registeredAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        session.persistAndFlush(); // flush: Hibernate fills in the @TenantId column on flush
        return SessionView.of(session);
    }

    @Transactional
    public Optional<SessionView> find(UUID id) {
        return Session.<Session>findByIdOptional(id).map(SessionView::of);
    }
}
