package io.ccos.config.settings;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.annotations.TenantId;
import org.hibernate.type.SqlTypes;

/** One settings file of a tenant (e.g. the managed policy), kept verbatim as JSON with its version. */
@Entity
@Table(name = "settings_document")
public class SettingsDocument extends PanacheEntityBase {

    @Id
    public UUID id;

    @TenantId
    @Column(name = "tenant_id")
    public String tenantId;

    public SettingsScope scope;

    public String name;

    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> content;

    public long version;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Column(name = "updated_by")
    public String updatedBy;

    /** The caller's tenant is applied by Hibernate; see TenantPartitionResolver. */
    static Optional<SettingsDocument> findByScopeAndName(SettingsScope scope, String name) {
        return byScopeAndName(scope, name).firstResultOptional();
    }

    /** The same, locked until the transaction ends, so that concurrent writers number versions one by one. */
    static Optional<SettingsDocument> findForUpdate(SettingsScope scope, String name) {
        return byScopeAndName(scope, name).withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    private static PanacheQuery<SettingsDocument> byScopeAndName(SettingsScope scope, String name) {
        return find("scope = ?1 and name = ?2", scope, name);
    }
}
