package io.ccos.gateway.registry;

import io.ccos.contracts.problem.ProblemType;
import io.ccos.platform.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.ccos.platform.paging.Page;
import io.ccos.platform.paging.PageRequest;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The upstream MCP servers of the caller's tenant. */
@ApplicationScoped
public class UpstreamStore {

    @WithTransaction
    public Uni<UpstreamServer> register(UpstreamRegistration registration, String registeredBy) {
        return UpstreamServer.count("name", registration.name()).chain(existing -> {
            if (existing > 0) {
                return Uni.createFrom().failure(new ProblemException(ProblemType.CONFLICT,
                        "An upstream named " + registration.name() + " already exists"));
            }
            UpstreamServer server = new UpstreamServer();
            server.id = UUID.randomUUID();
            server.name = registration.name();
            server.transport = registration.transport();
            server.url = registration.url();
            server.command = registration.command() == null ? null : List.copyOf(registration.command());
            server.access = AccessColumn.written(registration.access());
            server.tools = AccessColumn.writtenTools(registration.tools());
            server.env = registration.env() == null ? null : Map.copyOf(registration.env());
            server.headers = registration.headers() == null ? null : Map.copyOf(registration.headers());
            server.registeredBy = registeredBy;
            server.registeredAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
            // Flushed: Hibernate fills in the @TenantId column on flush, and the view shows it.
            return server.<UpstreamServer>persistAndFlush();
        });
    }

    @WithSession
    public Uni<Page<UpstreamView>> list(PageRequest page) {
        var query = page.first()
                ? UpstreamServer.<UpstreamServer>find("order by name")
                : UpstreamServer.<UpstreamServer>find(PageRequest.keysetCondition("name") + " order by name", page.after(0));
        return query.range(0, page.limit()).list()
                .map(servers -> Page.of(servers, page, server -> List.of(server.name)).map(UpstreamView::of));
    }

    /** Removes the tenant's server; false when it has none with that id. */
    @WithTransaction
    public Uni<Boolean> remove(UUID id) {
        return UpstreamServer.delete("id", id).map(deleted -> deleted > 0);
    }

    /** The server, or null. */
    @WithSession
    public Uni<UpstreamView> find(UUID id) {
        return UpstreamServer.<UpstreamServer>findById(id).map(server -> server == null ? null : UpstreamView.of(server));
    }
}
