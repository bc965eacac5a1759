package io.ccos.config.settings;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ccos.contracts.config.ConfigChanged;
import io.ccos.contracts.problem.ProblemType;
import io.ccos.contracts.events.EventTypes;
import io.ccos.contracts.events.Topics;
import io.ccos.platform.events.EventOutbox;
import io.ccos.platform.paging.Page;
import io.ccos.platform.paging.PageRequest;
import io.ccos.platform.problem.ProblemException;
import io.ccos.platform.versioning.WritePrecondition;
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
    private final SettingsConfig config;
    private final ObjectMapper json;

    public SettingsStore(EventOutbox outbox, SettingsConfig config, ObjectMapper json) {
        this.outbox = outbox;
        this.config = config;
        this.json = json;
    }

    /** A page of the tenant's documents, by scope and name. */
    @WithSession
    public Uni<Page<SettingsView>> list(PageRequest page) {
        var query = page.first()
                ? SettingsDocument.<SettingsDocument>find("order by scope, name")
                : SettingsDocument.<SettingsDocument>find(PageRequest.keysetCondition("scope", "name") + " order by scope, name",
                        page.after(0, SettingsScope::fromPath), page.after(1));
        return query.range(0, page.limit()).list()
                .map(documents -> Page.of(documents, page, document -> List.of(document.scope.id(), document.name)).map(SettingsView::of));
    }

    /** The document, or null when the tenant has none of that scope and name. */
    @WithSession
    public Uni<SettingsView> find(SettingsScope scope, String name) {
        return SettingsDocument.findByScopeAndName(scope, name).map(document -> document == null ? null : SettingsView.of(document));
    }

    /**
     * Stores a new version of a document (the first one creates it) and, in the same transaction, its
     * {@code io.ccos.config.changed} event for hook-service and mcp-gateway. The precondition is checked
     * under the document's row lock, so of two writers that read the same version exactly one wins. The
     * same content again is no change: no new version, no event.
     */
    @WithTransaction
    public Uni<SettingsView> put(SettingsScope scope, String name, Map<String, Object> content, String author,
            WritePrecondition precondition) {
        long size = jsonSize(content);
        if (size > config.maxDocumentSize().asLongValue()) {
            return Uni.createFrom().failure(new ProblemException(ProblemType.PAYLOAD_TOO_LARGE,
                    "The document is " + size + " bytes as JSON; settings documents hold at most " + config.maxDocumentSize().asLongValue()));
        }
        // Two first writes of one name race to the unique key: the loser gets a 409 and may retry.
        return SettingsDocument.findForUpdate(scope, name).chain(existing -> {
            precondition.check(existing == null ? null : existing.version, config.requireIfMatch());
            if (existing != null && content.equals(existing.content)) {
                return Uni.createFrom().item(SettingsView.of(existing));
            }
            return stored(existing != null ? existing : created(scope, name), content, author);
        });
    }

    private Uni<SettingsView> stored(SettingsDocument document, Map<String, Object> content, String author) {
        document.content = content;
        document.version++;
        // PostgreSQL keeps microseconds; truncating here makes the answer equal what a later read returns.
        document.updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        document.updatedBy = author;
        return document.<SettingsDocument>persistAndFlush().chain(saved -> {
            SettingsView stored = SettingsView.of(saved);
            return outbox.add(Topics.CONFIG_CHANGED, EventTypes.CONFIG_CHANGED, stored.id().toString(),
                            new ConfigChanged(stored.id(), stored.scope().id(), stored.name(), stored.version(), author, stored.updatedAt(),
                                    stored.content()))
                    .replaceWith(stored);
        });
    }

    private long jsonSize(Map<String, Object> content) {
        try {
            return json.writeValueAsBytes(content).length;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a document read from JSON is written as JSON", e);
        }
    }

    private static SettingsDocument created(SettingsScope scope, String name) {
        SettingsDocument created = new SettingsDocument();
        created.id = UUID.randomUUID();
        created.scope = scope;
        created.name = name;
        return created;
    }
}
