package io.ccos.hook.configstate;

import io.ccos.contracts.config.ConfigChanged;
import io.ccos.platform.events.IncomingEvents;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Follows ccos.config.changed for the service as a whole: each change is recorded once, in the tenant it
 * belongs to (hook registries are applied to every replica's memory by io.ccos.hook.registry.RegistryChanges).
 */
@ApplicationScoped
public class ConfigChangeListener {

    static final String CONSUMER = "known-config";

    private final IncomingEvents events;
    private final KnownConfigStore store;

    public ConfigChangeListener(IncomingEvents events, KnownConfigStore store) {
        this.events = events;
        this.store = store;
    }

    @Incoming("config-changed")
    public Uni<Void> onConfigChanged(Message<String> message) {
        return events.handle(message, ConfigChanged.class, CONSUMER, store::apply);
    }
}
