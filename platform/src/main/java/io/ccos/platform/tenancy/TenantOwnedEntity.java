package io.ccos.platform.tenancy;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.PrePersist;
import org.hibernate.annotations.Filter;
import org.hibernate.annotations.FilterDef;
import org.hibernate.annotations.ParamDef;

/**
 * The base of every ccos entity: a row owned by one tenant. Hibernate adds {@code tenant_id = <the unit of
 * work's tenant>} to every query of it, to loads by id and to counts (a filter enabled in every session,
 * whose parameter is read from {@link CallerTenant} each time it is applied), and a new row takes the
 * tenant of the unit of work. So a query cannot forget the tenant, and another tenant's row is simply not
 * found (404). Native SQL is not filtered: services use HQL and Panache; the platform's own native
 * statements touch only its tenant-less event tables.
 *
 * <p>Why not Hibernate's {@code @TenantId}: with Hibernate Reactive it needs a connection pool that serves
 * per-tenant connections, which the one Quarkus configures does not ("multitenancy not supported by
 * built-in SqlClientPool"), and Quarkus's tenant resolver needs an active request context, which a
 * reactive session's pool callback does not have.
 */
@MappedSuperclass
@FilterDef(name = TenantOwnedEntity.FILTER, defaultCondition = "tenant_id = :" + TenantOwnedEntity.PARAMETER,
        parameters = @ParamDef(name = TenantOwnedEntity.PARAMETER, type = String.class, resolver = BoundTenant.class),
        autoEnabled = true, applyToLoadByKey = true)
@Filter(name = TenantOwnedEntity.FILTER)
public abstract class TenantOwnedEntity extends PanacheEntityBase {

    static final String FILTER = "ccos_tenant";
    static final String PARAMETER = "tenant";

    /** The owning tenant; set on insert, never changed. */
    @Column(name = "tenant_id", nullable = false, updatable = false)
    public String tenantId;

    @PrePersist
    void ownedByTheUnitOfWorksTenant() {
        String owner = CallerTenant.bound().orElseThrow(CallerTenant::noTenant);
        if (tenantId != null && !tenantId.equals(owner)) {
            throw new IllegalStateException("An entity of tenant " + tenantId + " cannot be stored for tenant " + owner);
        }
        tenantId = owner;
    }
}
