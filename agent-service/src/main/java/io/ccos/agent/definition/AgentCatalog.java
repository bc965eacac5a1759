package io.ccos.agent.definition;

import io.ccos.contracts.problem.ProblemType;
import io.ccos.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The agent definitions of the caller's tenant. */
@ApplicationScoped
public class AgentCatalog {

    @Transactional
    public AgentView define(AgentDraft draft, String author) {
        if (AgentDefinition.count("name", draft.name()) > 0) {
            throw new ProblemException(ProblemType.CONFLICT, "An agent named " + draft.name() + " already exists");
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
        agent.persistAndFlush(); // flush: Hibernate fills in the @TenantId column on flush
        return AgentView.of(agent);
    }

    @Transactional
    public List<AgentView> list() {
        return AgentDefinition.<AgentDefinition>find("order by name").list().stream().map(AgentView::of).toList();
    }

    @Transactional
    public Optional<AgentView> find(UUID id) {
        return AgentDefinition.<AgentDefinition>findByIdOptional(id).map(AgentView::of);
    }
}
