package io.ccos.hook.registry;

import io.ccos.contracts.config.ConfigChanged;
import io.ccos.platform.events.IncomingEvents;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Applies every change of a tenant's hook registry to this replica's decisions. Each replica follows
 * ccos.config.changed in a consumer group of its own: in the service's shared group a change would reach
 * one replica only, and the others would decide with the old rules until they restart.
 */
@ApplicationScoped
public class RegistryChanges {

    private final IncomingEvents events;
    private final TenantHookPolicies policies;

    public RegistryChanges(IncomingEvents events, TenantHookPolicies policies) {
        this.events = events;
        this.policies = policies;
    }

    @Incoming("registry-changes")
    public Uni<Void> onConfigChanged(Message<String> message) {
        return events.follow(message, ConfigChanged.class, "hook-registry", event -> {
            ConfigChanged change = event.data();
            return change.isHookRegistry()
                    ? policies.apply(event.tenantId(), change.documentId(), change.version(), change.content())
                    : Uni.createFrom().voidItem();
        });
    }
}
