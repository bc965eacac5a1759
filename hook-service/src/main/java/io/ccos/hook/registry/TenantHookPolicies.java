package io.ccos.hook.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ccos.policy.registry.HookPolicy;
import io.ccos.policy.registry.RegistryException;
import io.ccos.policy.registry.TenantPolicies;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
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
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Every tenant's compiled hook registry, in memory: the decision path reads it and nothing else (no
 * database, no Kafka). A change arrives on ccos.config.changed, is compiled once and replaces the tenant's
 * entry atomically; the table hook_registry keeps the last applied version of each tenant so that a
 * restarted replica decides with it before its consumer has caught up.
 */
@ApplicationScoped
public class TenantHookPolicies {

    private static final Logger LOG = Logger.getLogger(TenantHookPolicies.class);
    private static final String UPSERT = """
            insert into hook_registry (tenant_id, document_id, version, content, applied_at) values ($1, $2, $3, ($4::text)::jsonb, $5)
            on conflict (tenant_id) do update set document_id = excluded.document_id, version = excluded.version,
                content = excluded.content, applied_at = excluded.applied_at
            where hook_registry.version < excluded.version""";

    private final TenantPolicies byTenant = new TenantPolicies();
    private final Pool pool;
    private final ObjectMapper json;
    private volatile boolean loaded;

    public TenantHookPolicies(Pool pool, ObjectMapper json, MeterRegistry metrics) {
        this.pool = pool;
        this.json = json;
        Gauge.builder("ccos.hook.registries", byTenant, TenantPolicies::size).description("Tenants whose hook registry is applied").register(metrics);
    }

    /** The tenant's registry; a tenant without one has no hooks. */
    public TenantPolicies.Applied of(String tenant) {
        return byTenant.of(tenant);
    }

    /** Whether the registries stored at start have been read (false while the database was away). */
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
                    LOG.infof("Hook registries of %d tenants applied from the database", byTenant.size());
                });
    }

    /**
     * Applies a newer version of a tenant's registry: compiled, kept for restarts, then swapped in. An
     * older or equal version changes nothing (events may come late or twice).
     */
    public Uni<Void> apply(String tenant, UUID documentId, long version, Map<String, Object> content) {
        if (content == null || !byTenant.isNewer(tenant, version)) {
            return Uni.createFrom().voidItem();
        }
        String text;
        try {
            text = json.writeValueAsString(content);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        return pool.preparedQuery(UPSERT)
                .execute(Tuple.of(tenant, documentId, version, text, OffsetDateTime.now(ZoneOffset.UTC)))
                .invoke(() -> compiled(tenant, version, text))
                .replaceWithVoid();
    }

    private void compiled(String tenant, long version, String content) {
        try {
            HookPolicy policy = byTenant.apply(tenant, version, json.readTree(content)).policy();
            LOG.infof("Hook registry version %d of tenant %s applied: %d hooks", version, tenant, policy.size());
        } catch (RegistryException e) {
            // config-service compiles before it stores: this is a version skew between the two services.
            LOG.errorf("Hook registry version %d of tenant %s does not compile here, version %d stays: %s", version, tenant,
                    of(tenant).version(), e.getMessage());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            LOG.errorf("Hook registry version %d of tenant %s is not JSON", version, tenant);
        }
    }
}
