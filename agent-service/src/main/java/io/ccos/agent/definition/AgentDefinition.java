package io.ccos.agent.definition;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.annotations.TenantId;
import org.hibernate.type.SqlTypes;

/** An agent a tenant can run: Claude Code's subagent definition (name, description, model, tools, prompt). */
@Entity
@Table(name = "agent_definition")
public class AgentDefinition extends PanacheEntityBase {

    @Id
    public UUID id;

    @TenantId
    @Column(name = "tenant_id")
    public String tenantId;

    public String name;

    /** When to use this agent; Claude Code shows it to the model. */
    public String description;

    public String model;

    /** Tools the agent may use; null means all. */
    @JdbcTypeCode(SqlTypes.JSON)
    public List<String> tools;

    /** The system prompt (the Markdown body of the definition file). */
    public String prompt;

    @Column(name = "defined_by")
    public String definedBy;

    @Column(name = "defined_at")
    public Instant definedAt;
}
