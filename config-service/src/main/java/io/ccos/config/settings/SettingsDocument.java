package io.ccos.config.settings;

import io.ccos.platform.tenancy.TenantOwnedEntity;
import io.quarkus.hibernate.reactive.panache.PanacheQuery;
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

/** One settings file of a tenant (e.g. the managed policy), kept verbatim as JSON with its version. */
@Entity
@Table(name = "settings_document")
public class SettingsDocument extends TenantOwnedEntity {

    @Id
    public UUID id;

    public SettingsScope scope;

    public String name;

    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> content;

    public long version;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Column(name = "updated_by")
    public String updatedBy;

    /** The document, or null; the caller's tenant is applied by Hibernate (see TenantOwnedEntity). */
    static Uni<SettingsDocument> findByScopeAndName(SettingsScope scope, String name) {
        return byScopeAndName(scope, name).firstResult();
    }

    /** The same, locked until the transaction ends, so that concurrent writers number versions one by one. */
    static Uni<SettingsDocument> findForUpdate(SettingsScope scope, String name) {
        return byScopeAndName(scope, name).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    private static PanacheQuery<SettingsDocument> byScopeAndName(SettingsScope scope, String name) {
        return find("scope = ?1 and name = ?2", scope, name);
    }
}
