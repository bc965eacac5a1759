package io.ccos.platform.tenancy;

import io.quarkus.hibernate.orm.PersistenceUnitExtension;
import io.quarkus.hibernate.orm.runtime.tenant.TenantResolver;
import jakarta.enterprise.context.RequestScoped;

/**
 * Feeds the caller's tenant to Hibernate ORM's discriminator multi-tenancy: every entity carries a
 * {@code @TenantId tenant_id}, and Hibernate adds {@code tenant_id = ?} to every query and sets it on every
 * insert. So a query cannot forget the tenant, and another tenant's row is simply not found (404).
 */
@PersistenceUnitExtension
@RequestScoped
public class TenantPartitionResolver implements TenantResolver {

    /** Matches no row: work without a tenant sees nothing rather than everything. */
    static final String NO_TENANT = "-";

    private final CallerTenant callerTenant;

    public TenantPartitionResolver(CallerTenant callerTenant) {
        this.callerTenant = callerTenant;
    }

    @Override
    public String getDefaultTenantId() {
        return NO_TENANT;
    }

    @Override
    public String resolveTenantId() {
        return callerTenant.id();
    }
}
