package io.ccos.config.settings;

import io.ccos.contracts.config.ConfigChanged;
import io.ccos.contracts.events.EventTypes;
import io.ccos.platform.events.EventMessages;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;

/** Announces each new settings version on ccos.config.changed, so hook-service and mcp-gateway reload. */
@ApplicationScoped
public class ConfigChangePublisher {

    private final MutinyEmitter<ConfigChanged> emitter;
    private final EventMessages messages;

    public ConfigChangePublisher(@Channel("config-changed") MutinyEmitter<ConfigChanged> emitter, EventMessages messages) {
        this.emitter = emitter;
        this.messages = messages;
    }

    /** Returns once the broker has the event (acks=all). */
    void published(SettingsView document) {
        ConfigChanged change = new ConfigChanged(document.id(), document.scope().id(), document.name(),
                document.version(), document.updatedBy(), document.updatedAt());
        emitter.sendMessageAndAwait(messages.create(EventTypes.CONFIG_CHANGED, document.tenant(),
                document.id().toString(), change));
    }
}
