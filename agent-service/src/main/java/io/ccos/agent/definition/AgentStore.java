package io.ccos.agent.definition;

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
import java.util.UUID;

/** The agent definitions of the caller's tenant. */
@ApplicationScoped
public class AgentStore {

    @WithTransaction
    public Uni<AgentView> define(AgentDraft draft, String author) {
        return AgentDefinition.count("name", draft.name()).chain(existing -> {
            if (existing > 0) {
                return Uni.createFrom().failure(new ProblemException(ProblemType.CONFLICT, "An agent named " + draft.name() + " already exists"));
            }
            AgentDefinition agent = new AgentDefinition();
            agent.id = UUID.randomUUID();
            agent.name = draft.name();
            agent.description = draft.description();
            agent.model = draft.model();
            agent.tools = draft.tools() == null ? null : List.copyOf(draft.tools());
            agent.prompt = draft.prompt();
            agent.definedBy = author;
            agent.definedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
            // Flushed: Hibernate fills in the @TenantId column on flush, and the view shows it.
            return agent.<AgentDefinition>persistAndFlush().map(AgentView::of);
        });
    }

    @WithSession
    public Uni<Page<AgentView>> list(PageRequest page) {
        var query = page.first()
                ? AgentDefinition.<AgentDefinition>find("order by name")
                : AgentDefinition.<AgentDefinition>find(PageRequest.keysetCondition("name") + " order by name", page.after(0));
        return query.range(0, page.limit()).list()
                .map(agents -> Page.of(agents, page, agent -> List.of(agent.name)).map(AgentView::of));
    }

    /** The definition, or null. */
    @WithSession
    public Uni<AgentView> find(UUID id) {
        return AgentDefinition.<AgentDefinition>findById(id).map(agent -> agent == null ? null : AgentView.of(agent));
    }
}
