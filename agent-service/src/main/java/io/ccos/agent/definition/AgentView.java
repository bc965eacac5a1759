package io.ccos.agent.definition;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

public record AgentView(UUID id, String tenant, String name, String description, String model, List<String> tools,
        String prompt, String definedBy, Instant definedAt) {

    static AgentView of(AgentDefinition agent) {
        return new AgentView(agent.id, agent.tenantId, agent.name, agent.description, agent.model, agent.tools,
                agent.prompt, agent.definedBy, agent.definedAt);
    }
}
