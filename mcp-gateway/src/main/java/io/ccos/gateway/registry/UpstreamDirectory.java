package io.ccos.gateway.registry;

import io.ccos.gateway.access.ToolAccess;
import io.ccos.gateway.upstream.UpstreamConnections;
import io.ccos.gateway.upstream.UpstreamTarget;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Every tenant's registered upstream servers, in memory: the MCP path looks servers up here and never in
 * the database. Each replica reads the table at start and then every ccos.gateway.registry.refresh-interval,
 * so that a registration made on any replica is served by all of them without a restart; one made on this
 * replica is applied at once. A server whose registration changed or went away is disconnected.
 */
@ApplicationScoped
public class UpstreamDirectory {

    private static final Logger LOG = Logger.getLogger(UpstreamDirectory.class);
    private static final String ALL = "select id, tenant_id, name, transport, url, command, access::text as access from upstream_server";

    private final Pool pool;
    private final UpstreamConnections connections;
    private volatile Map<String, Map<String, UpstreamTarget>> byTenant = Map.of();
    private volatile boolean loaded;

    public UpstreamDirectory(Pool pool, UpstreamConnections connections) {
        this.pool = pool;
        this.connections = connections;
    }

    /** The tenant's server of that name. */
    public Optional<UpstreamTarget> find(String tenant, String name) {
        return Optional.ofNullable(byTenant.getOrDefault(tenant, Map.of()).get(name));
    }

    /** The tenant's servers, by name. */
    public Map<String, UpstreamTarget> of(String tenant) {
        return byTenant.getOrDefault(tenant, Map.of());
    }

    /** Whether the table has been read once (false while the database was away at start). */
    public boolean loaded() {
        return loaded;
    }

    void start(@Observes StartupEvent startup) {
        refresh().subscribe().with(ignored -> LOG.infof("Upstream servers of %d tenants known", byTenant.size()),
                failure -> LOG.warnf("Upstream servers not read yet (%s); the next refresh retries", failure.getMessage()));
    }

    /** Applies a registration made on this replica at once (the others see it at their next refresh). */
    void registered(UpstreamServer server) {
        UpstreamTarget target = target(server.id, server.tenantId, server.name, server.transport, server.url, server.command,
                AccessColumn.read(server.access));
        Map<String, Map<String, UpstreamTarget>> next = new HashMap<>(byTenant);
        Map<String, UpstreamTarget> servers = new HashMap<>(next.getOrDefault(target.tenant(), Map.of()));
        servers.put(target.name(), target);
        next.put(target.tenant(), Map.copyOf(servers));
        byTenant = Map.copyOf(next);
    }

    /** Applies a removal made on this replica at once: the server is no longer offered, and disconnected. */
    void removed(UUID id) {
        byTenant = byTenant.entrySet().stream().collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> e.getValue().entrySet().stream()
                .filter(server -> !server.getValue().id().equals(id))
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue))));
        connections.retire(id);
    }

    @Scheduled(every = "${ccos.gateway.registry.refresh-interval:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> refresh() {
        return pool.query(ALL).execute().invoke(rows -> {
            Map<String, Map<String, UpstreamTarget>> next = new HashMap<>();
            for (Row row : rows) {
                String[] command = row.getArrayOfStrings("command");
                UpstreamTarget target = target(row.getUUID("id"), row.getString("tenant_id"), row.getString("name"),
                        Transport.fromId(row.getString("transport")), row.getString("url"), command == null ? null : Arrays.asList(command),
                        AccessColumn.read(row.getString("access")));
                next.computeIfAbsent(target.tenant(), tenant -> new HashMap<>()).put(target.name(), target);
            }
            Set<UUID> kept = next.values().stream().flatMap(servers -> servers.values().stream()).map(UpstreamTarget::id).collect(Collectors.toSet());
            byTenant.values().stream().flatMap(servers -> servers.values().stream())
                    .filter(old -> !kept.contains(old.id())).forEach(gone -> connections.retire(gone.id()));
            byTenant = next.entrySet().stream().collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> Map.copyOf(e.getValue())));
            loaded = true;
        }).replaceWithVoid();
    }

    private static UpstreamTarget target(UUID id, String tenant, String name, Transport transport, String url, List<String> command,
            ToolAccess access) {
        return new UpstreamTarget(id, tenant, name, transport, url == null ? null : URI.create(url),
                command == null ? null : List.copyOf(command), Map.of(), Map.of(), access);
    }
}
