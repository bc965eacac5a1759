package io.ccos.hook.configstate;

import io.ccos.contracts.config.ConfigChanged;
import io.ccos.hook.registry.TenantHookPolicies;
import io.ccos.platform.events.IncomingEvents;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Follows ccos.config.changed: each change is applied once, in the tenant it belongs to. */
@ApplicationScoped
public class ConfigChangeListener {

    static final String CONSUMER = "known-config";

    private final IncomingEvents events;
    private final KnownConfigStore store;
    private final TenantHookPolicies policies;

    public ConfigChangeListener(IncomingEvents events, KnownConfigStore store, TenantHookPolicies policies) {
        this.events = events;
        this.store = store;
        this.policies = policies;
    }

    /** Each change is recorded as known; a change of the tenant's hook registry is also applied to decisions. */
    @Incoming("config-changed")
    public Uni<Void> onConfigChanged(Message<String> message) {
        return events.handle(message, ConfigChanged.class, CONSUMER, event -> store.apply(event).chain(known -> {
            ConfigChanged change = event.data();
            return change.isHookRegistry()
                    ? policies.apply(event.tenantId(), change.documentId(), change.version(), change.content())
                    : Uni.createFrom().voidItem();
        }));
    }
}
