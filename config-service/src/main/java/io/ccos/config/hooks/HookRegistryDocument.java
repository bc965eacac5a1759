package io.ccos.config.hooks;

import io.ccos.platform.tenancy.TenantOwnedEntity;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** The tenant's hook registry, kept as JSON with its version. */
@Entity
@Table(name = "hook_registry")
public class HookRegistryDocument extends TenantOwnedEntity {

    @Id
    public UUID id;

    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> content;

    public long version;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Column(name = "updated_by")
    public String updatedBy;

    /** The caller's tenant's registry (Hibernate applies the tenant), locked until the transaction ends, or null. */
    static Uni<HookRegistryDocument> findForUpdate() {
        return find("from HookRegistryDocument").withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    static Uni<HookRegistryDocument> findOfTenant() {
        return find("from HookRegistryDocument").firstResult();
    }
}
