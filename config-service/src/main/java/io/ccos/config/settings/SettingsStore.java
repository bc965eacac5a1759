package io.ccos.config.settings;

import io.ccos.contracts.config.ConfigChanged;
import io.ccos.contracts.events.EventTypes;
import io.ccos.contracts.events.Topics;
import io.ccos.platform.events.EventOutbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Reads and versions the settings documents of the caller's tenant; each version is announced. */
@ApplicationScoped
public class SettingsStore {

    private final EventOutbox outbox;

    public SettingsStore(EventOutbox outbox) {
        this.outbox = outbox;
    }

    @Transactional
    public List<SettingsView> list() {
        return SettingsDocument.<SettingsDocument>find("order by scope, name").list().stream().map(SettingsView::of).toList();
    }

    @Transactional
    public Optional<SettingsView> find(SettingsScope scope, String name) {
        return SettingsDocument.findByScopeAndName(scope, name).map(SettingsView::of);
    }

    /**
     * Stores a new version of a document (the first one creates it) and, in the same transaction, its
     * {@code io.ccos.config.changed} event for hook-service and mcp-gateway.
     */
    @Transactional
    public SettingsView put(SettingsScope scope, String name, Map<String, Object> content, String author) {
        // Two first writes of one name race to the unique key: the loser gets a 409 and may retry.
        SettingsDocument document = SettingsDocument.findForUpdate(scope, name).orElseGet(() -> {
            SettingsDocument created = new SettingsDocument();
            created.id = UUID.randomUUID();
            created.scope = scope;
            created.name = name;
            return created;
        });
        document.content = content;
        document.version++;
        // PostgreSQL keeps microseconds; truncating here makes the answer equal what a later read returns.
        document.updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        document.updatedBy = author;
        document.persistAndFlush();
        SettingsView stored = SettingsView.of(document);
        outbox.add(Topics.CONFIG_CHANGED, EventTypes.CONFIG_CHANGED, stored.tenant(), stored.id().toString(),
                new ConfigChanged(stored.id(), scope.id(), name, stored.version(), author, stored.updatedAt()));
        return stored;
    }
}
