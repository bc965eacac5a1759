package io.ccos.agent.definition;

import io.ccos.platform.tenancy.TenantOwnedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** An agent a tenant can run: Claude Code's subagent definition (name, description, model, tools, prompt). */
@Entity
@Table(name = "agent_definition")
public class AgentDefinition extends TenantOwnedEntity {

    @Id
    public UUID id;

    public String name;

    /** When to use this agent; Claude Code shows it to the model. */
    public String description;

    public String model;

    /** Tools the agent may use; null means all. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> tools;

    /** The system prompt (the Markdown body of the definition file). */
    public String prompt;

    @Column(name = "defined_by")
    public String definedBy;

    @Column(name = "defined_at")
    public Instant definedAt;
}
