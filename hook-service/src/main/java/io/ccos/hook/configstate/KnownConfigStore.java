package io.ccos.hook.configstate;

import io.ccos.contracts.config.ConfigChanged;
import io.ccos.platform.events.ProcessedEvents;
import io.ccos.platform.events.ReceivedEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Applies settings changes of the current tenant, each event once, never going back to an older version. */
@ApplicationScoped
public class KnownConfigStore {

    static final String CONSUMER = "known-config";

    private final ProcessedEvents processedEvents;

    public KnownConfigStore(ProcessedEvents processedEvents) {
        this.processedEvents = processedEvents;
    }

    /** Returns false when the event had already been applied (a redelivery). */
    @Transactional
    public boolean apply(ReceivedEvent<ConfigChanged> event, String traceId) {
        if (!processedEvents.claim(CONSUMER, event.id())) {
            return false;
        }
        ConfigChanged change = event.data();
        KnownConfig known = KnownConfig.<KnownConfig>findByIdOptional(change.documentId()).orElseGet(() -> {
            KnownConfig created = new KnownConfig();
            created.documentId = change.documentId();
            return created;
        });
        if (known.version >= change.version()) {
            return true; // Out of order: a newer version is already known.
        }
        known.scope = change.scope();
        known.name = change.name();
        known.version = change.version();
        known.changedBy = change.changedBy();
        known.eventId = event.id();
        known.traceId = traceId;
        known.receivedAt = Instant.now();
        known.persist();
        return true;
    }

    @Transactional
    public List<KnownConfigView> list() {
        return KnownConfig.<KnownConfig>find("order by scope, name").list().stream().map(KnownConfigView::of).toList();
    }

    @Transactional
    public Optional<KnownConfigView> find(UUID documentId) {
        return KnownConfig.<KnownConfig>findByIdOptional(documentId).map(KnownConfigView::of);
    }
}
