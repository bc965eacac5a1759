package io.ccos.config.settings;

import io.ccos.contracts.config.ConfigChanged;
import io.ccos.contracts.events.EventTypes;
import io.ccos.contracts.events.Topics;
import io.ccos.platform.events.EventOutbox;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Reads and versions the settings documents of the caller's tenant; each version is announced. */
@ApplicationScoped
public class SettingsStore {

    private final EventOutbox outbox;

    public SettingsStore(EventOutbox outbox) {
        this.outbox = outbox;
    }

    @WithSession
    public Uni<List<SettingsView>> list() {
        return SettingsDocument.<SettingsDocument>find("order by scope, name").list()
                .map(documents -> documents.stream().map(SettingsView::of).toList());
    }

    /** The document, or null when the tenant has none of that scope and name. */
    @WithSession
    public Uni<SettingsView> find(SettingsScope scope, String name) {
        return SettingsDocument.findByScopeAndName(scope, name).map(document -> document == null ? null : SettingsView.of(document));
    }

    /**
     * Stores a new version of a document (the first one creates it) and, in the same transaction, its
     * {@code io.ccos.config.changed} event for hook-service and mcp-gateway.
     */
    @WithTransaction
    public Uni<SettingsView> put(SettingsScope scope, String name, Map<String, Object> content, String author) {
        // Two first writes of one name race to the unique key: the loser gets a 409 and may retry.
        return SettingsDocument.findForUpdate(scope, name).chain(existing -> {
            SettingsDocument document = existing != null ? existing : created(scope, name);
            document.content = content;
            document.version++;
            // PostgreSQL keeps microseconds; truncating here makes the answer equal what a later read returns.
            document.updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
            document.updatedBy = author;
            return document.<SettingsDocument>persistAndFlush();
        }).chain(document -> {
            SettingsView stored = SettingsView.of(document);
            return outbox.add(Topics.CONFIG_CHANGED, EventTypes.CONFIG_CHANGED, stored.id().toString(),
                            new ConfigChanged(stored.id(), scope.id(), name, stored.version(), author, stored.updatedAt()))
                    .replaceWith(stored);
        });
    }

    private static SettingsDocument created(SettingsScope scope, String name) {
        SettingsDocument created = new SettingsDocument();
        created.id = UUID.randomUUID();
        created.scope = scope;
        created.name = name;
        return created;
    }
}
