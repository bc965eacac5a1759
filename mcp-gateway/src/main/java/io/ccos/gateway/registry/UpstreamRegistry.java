package io.ccos.gateway.registry;

import io.ccos.contracts.problem.ProblemType;
import io.ccos.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The upstream MCP servers of the caller's tenant. */
@ApplicationScoped
public class UpstreamRegistry {

    @Transactional
    public UpstreamView register(UpstreamRegistration registration, String registeredBy) {
        if (UpstreamServer.count("name", registration.name()) > 0) {
            throw new ProblemException(ProblemType.CONFLICT, "An upstream named " + registration.name() + " already exists");
        }
        UpstreamServer server = new UpstreamServer();
        server.id = UUID.randomUUID();
        server.name = registration.name();
        server.transport = registration.transport();
        server.url = registration.url();
        server.command = registration.command() == null ? null : List.copyOf(registration.command());
        server.registeredBy = registeredBy;
        server.registeredAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        server.persistAndFlush(); // flush: Hibernate fills in the @TenantId column on flush
        return UpstreamView.of(server);
    }

    @Transactional
    public List<UpstreamView> list() {
        return UpstreamServer.<UpstreamServer>find("order by name").list().stream().map(UpstreamView::of).toList();
    }

    @Transactional
    public Optional<UpstreamView> find(UUID id) {
        return UpstreamServer.<UpstreamServer>findByIdOptional(id).map(UpstreamView::of);
    }
}
