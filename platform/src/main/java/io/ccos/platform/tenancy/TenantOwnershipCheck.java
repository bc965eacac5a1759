package io.ccos.platform.tenancy;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.metamodel.EntityType;
import java.util.Collection;
import java.util.List;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Refuses to start a service with an entity that is not a {@link TenantOwnedEntity}: such an entity would
 * be read and written without the tenant filter, across tenants.
 */
@ApplicationScoped
public class TenantOwnershipCheck {

    void verify(@Observes StartupEvent startup, Mutiny.SessionFactory sessions) {
        List<String> untenanted = untenanted(sessions.getMetamodel().getEntities().stream()
                .<Class<?>>map(EntityType::getJavaType).toList());
        if (!untenanted.isEmpty()) {
            throw new IllegalStateException("Entities must extend " + TenantOwnedEntity.class.getName()
                    + " so that every query is bounded by the tenant: " + String.join(", ", untenanted));
        }
    }

    static List<String> untenanted(Collection<Class<?>> entities) {
        return entities.stream().filter(type -> !TenantOwnedEntity.class.isAssignableFrom(type)).map(Class::getName).sorted().toList();
    }
}
