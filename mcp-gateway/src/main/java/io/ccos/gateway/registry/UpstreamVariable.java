package io.ccos.gateway.registry;

import io.ccos.platform.tenancy.TenantOwnedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A value the tenant's registrations refer to as ${NAME}, sealed ({@link VariableSeal}). */
@Entity
@Table(name = "upstream_variable")
public class UpstreamVariable extends TenantOwnedEntity {

    @Id
    public UUID id;

    public String name;

    @Column(name = "value_sealed")
    public String valueSealed;

    @Column(name = "updated_by")
    public String updatedBy;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
