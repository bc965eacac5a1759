package io.ccos.gateway.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ccos.contracts.config.ConfigChanged;
import io.ccos.platform.events.IncomingEvents;
import io.ccos.policy.registry.RegistryException;
import io.ccos.policy.registry.TenantPolicies;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * The tenants' hook registries the gateway governs tool calls with: the same documents hook-service decides
 * with, applied to this replica's memory from ccos.config.changed (a consumer group per start, as every
 * replica must apply every version) and kept in the table hook_registry, so that a restarted replica
 * governs with the last version before its consumer has caught up.
 */
@ApplicationScoped
public class ToolPolicies {

    private static final Logger LOG = Logger.getLogger(ToolPolicies.class);
    private static final String UPSERT = """
            insert into hook_registry (tenant_id, document_id, version, content, applied_at) values ($1, $2, $3, ($4::text)::jsonb, $5)
            on conflict (tenant_id) do update set document_id = excluded.document_id, version = excluded.version,
                content = excluded.content, applied_at = excluded.applied_at
            where hook_registry.version < excluded.version""";

    private final TenantPolicies byTenant = new TenantPolicies();
    private final Pool pool;
    private final IncomingEvents events;
    private final ObjectMapper json;
    private volatile boolean loaded;

    public ToolPolicies(Pool pool, IncomingEvents events, ObjectMapper json) {
        this.pool = pool;
        this.events = events;
        this.json = json;
    }

    public TenantPolicies.Applied of(String tenant) {
        return byTenant.of(tenant);
    }

    /** Whether the stored registries have been read (until then a call cannot be governed and is refused). */
    public boolean loaded() {
        return loaded;
    }

    void load(@Observes StartupEvent startup) {
        pool.query("select tenant_id, version, content::text as content from hook_registry").execute()
                .onFailure().invoke(e -> LOG.warnf("Stored hook registries not read yet (%s); retrying", e.getMessage()))
                .onFailure().retry().withBackOff(Duration.ofSeconds(1), Duration.ofSeconds(30)).indefinitely()
                .subscribe().with(rows -> {
                    for (Row row : rows) {
                        compiled(row.getString("tenant_id"), row.getLong("version"), row.getString("content"));
                    }
                    loaded = true;
                    LOG.infof("Hook registries of %d tenants govern tool calls", byTenant.size());
                });
    }

    @Incoming("registry-changes")
    public Uni<Void> onConfigChanged(Message<String> message) {
        return events.follow(message, ConfigChanged.class, "hook-registry", event -> {
            ConfigChanged change = event.data();
            if (!change.isHookRegistry() || change.content() == null || !byTenant.isNewer(event.tenantId(), change.version())) {
                return Uni.createFrom().voidItem();
            }
            String text;
            try {
                text = json.writeValueAsString(change.content());
            } catch (JsonProcessingException e) {
                return Uni.createFrom().failure(e);
            }
            return pool.preparedQuery(UPSERT)
                    .execute(Tuple.of(event.tenantId(), change.documentId(), change.version(), text, OffsetDateTime.now(ZoneOffset.UTC)))
                    .invoke(() -> compiled(event.tenantId(), change.version(), text))
                    .replaceWithVoid();
        });
    }

    private void compiled(String tenant, long version, String content) {
        try {
            int hooks = byTenant.apply(tenant, version, json.readTree(content)).policy().size();
            LOG.infof("Hook registry version %d of tenant %s governs tool calls: %d hooks", version, tenant, hooks);
        } catch (RegistryException e) {
            LOG.errorf("Hook registry version %d of tenant %s does not compile here, version %d stays: %s", version, tenant,
                    byTenant.of(tenant).version(), e.getMessage());
        } catch (JsonProcessingException e) {
            LOG.errorf("Hook registry version %d of tenant %s is not JSON", version, tenant);
        }
    }
}
