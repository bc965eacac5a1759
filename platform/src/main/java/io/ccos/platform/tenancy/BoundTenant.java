package io.ccos.platform.tenancy;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.function.Supplier;

/**
 * The value of the tenant filter's parameter ({@link TenantOwnedEntity}): the tenant bound to the unit of
 * work, read each time Hibernate applies the filter. Work without a tenant fails (403) rather than seeing
 * every tenant's rows. Hibernate instantiates it by class.
 */
@RegisterForReflection
public final class BoundTenant implements Supplier<String> {

    @Override
    public String get() {
        return CallerTenant.bound().orElseThrow(CallerTenant::noTenant);
    }
}
