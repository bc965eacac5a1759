package io.ccos.hook.configstate;

import io.ccos.contracts.config.ConfigChanged;
import io.ccos.platform.events.ReceivedEvent;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.ccos.platform.paging.Page;
import io.ccos.platform.paging.PageRequest;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The settings versions of the current tenant hook-service applies; never goes back to an older version. */
@ApplicationScoped
public class KnownConfigStore {

    /** Runs in the transaction of io.ccos.platform.events.IncomingEvents, which has claimed the event. */
    public Uni<KnownConfig> apply(ReceivedEvent<ConfigChanged> event) {
        ConfigChanged change = event.data();
        return KnownConfig.<KnownConfig>findById(change.documentId()).chain(existing -> {
            if (existing != null && existing.version >= change.version()) {
                return Uni.createFrom().item(existing); // out of order: a newer version is already known
            }
            KnownConfig known = existing != null ? existing : new KnownConfig();
            known.documentId = change.documentId();
            known.scope = change.scope();
            known.name = change.name();
            known.version = change.version();
            known.changedBy = change.changedBy();
            known.eventId = event.id();
            known.traceId = event.traceId();
            known.receivedAt = Instant.now();
            return known.persist();
        });
    }

    @WithSession
    public Uni<Page<KnownConfigView>> list(PageRequest page) {
        String order = " order by scope, name, documentId";
        var query = page.first()
                ? KnownConfig.<KnownConfig>find(order.strip())
                : KnownConfig.<KnownConfig>find(PageRequest.keysetCondition("scope", "name", "documentId") + order,
                        page.after(0), page.after(1), page.after(2, UUID::fromString));
        return query.range(0, page.limit()).list()
                .map(known -> Page.of(known, page, config -> List.of(config.scope, config.name, config.documentId.toString()))
                        .map(KnownConfigView::of));
    }

    /** What is known of a document, or null. */
    @WithSession
    public Uni<KnownConfigView> find(UUID documentId) {
        return KnownConfig.<KnownConfig>findById(documentId).map(known -> known == null ? null : KnownConfigView.of(known));
    }
}
