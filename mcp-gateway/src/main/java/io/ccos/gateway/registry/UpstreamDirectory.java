package io.ccos.gateway.registry;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ccos.gateway.access.ToolAccess;
import io.ccos.gateway.upstream.UpstreamConnections;
import io.ccos.gateway.upstream.UpstreamTarget;
import io.ccos.gateway.upstream.VirtualTool;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
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
    private static final String ALL = "select id, tenant_id, name, transport, url, command, access::text as access, env::text as env,"
            + " headers::text as headers, tools::text as tools from upstream_server";
    private static final String VARIABLES = "select tenant_id, name, value_sealed from upstream_variable";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, String>> STRINGS = new TypeReference<>() {
    };

    private final Pool pool;
    private final UpstreamConnections connections;
    private volatile Map<String, Map<String, UpstreamTarget>> byTenant = Map.of();
    /** Each tenant's variables, opened: what ${NAME} in a registration expands to. */
    private volatile Map<String, Map<String, String>> variablesByTenant = Map.of();
    private final VariableSeal seal;
    private volatile boolean loaded;
    /** Registrations and removals applied here, so that a refresh that read the table before one does not undo it. */
    private final AtomicLong localChanges = new AtomicLong();

    private final Event<ServersChanged> changes;

    public UpstreamDirectory(Pool pool, UpstreamConnections connections, VariableSeal seal, Event<ServersChanged> changes) {
        this.changes = changes;
        this.pool = pool;
        this.seal = seal;
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
        localChanges.incrementAndGet();
        UpstreamTarget target = target(server.id, server.tenantId, server.name, server.transport, server.url, server.command,
                strings(server.env), strings(server.headers), AccessColumn.read(server.access), AccessColumn.readTools(server.tools),
                variablesByTenant.getOrDefault(server.tenantId, Map.of()));
        Map<String, Map<String, UpstreamTarget>> next = new HashMap<>(byTenant);
        Map<String, UpstreamTarget> servers = new HashMap<>(next.getOrDefault(target.tenant(), Map.of()));
        servers.put(target.name(), target);
        next.put(target.tenant(), Map.copyOf(servers));
        replace(Map.copyOf(next));
    }

    /** Applies a removal made on this replica at once: the server is no longer offered, and disconnected. */
    void removed(UUID id) {
        localChanges.incrementAndGet();
        replace(byTenant.entrySet().stream().collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> e.getValue().entrySet().stream()
                .filter(server -> !server.getValue().id().equals(id))
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue)))));
        connections.retire(id);
    }

    /** The next state, and for each tenant whose servers differ from the last one, which of them changed. */
    private synchronized void replace(Map<String, Map<String, UpstreamTarget>> next) {
        Map<String, Map<String, UpstreamTarget>> previous = byTenant;
        byTenant = next;
        Set<String> tenants = new HashSet<>(previous.keySet());
        tenants.addAll(next.keySet());
        for (String tenant : tenants) {
            Map<String, UpstreamTarget> before = previous.getOrDefault(tenant, Map.of());
            Map<String, UpstreamTarget> after = next.getOrDefault(tenant, Map.of());
            Set<String> changed = new TreeSet<>();
            before.forEach((name, target) -> {
                if (!target.equals(after.get(name))) {
                    changed.add(name);
                }
            });
            after.keySet().stream().filter(name -> !before.containsKey(name)).forEach(changed::add);
            if (!changed.isEmpty()) {
                changes.fire(new ServersChanged(tenant, Set.copyOf(changed)));
            }
        }
    }

    @Scheduled(every = "${ccos.gateway.registry.refresh-interval:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> refresh() {
        long localBefore = localChanges.get();
        return pool.query(VARIABLES).execute().invoke(rows -> variablesByTenant = opened(rows))
                .chain(ignored -> pool.query(ALL).execute()).invoke(rows -> {
            if (localChanges.get() != localBefore) {
                // A registration made here meanwhile may be missing from what was read: the next refresh reads it.
                return;
            }
            Map<String, Map<String, String>> variables = variablesByTenant;
            Map<String, Map<String, UpstreamTarget>> next = new HashMap<>();
            for (Row row : rows) {
                String[] command = row.getArrayOfStrings("command");
                String tenant = row.getString("tenant_id");
                UpstreamTarget target = target(row.getUUID("id"), tenant, row.getString("name"),
                        Transport.fromId(row.getString("transport")), row.getString("url"), command == null ? null : Arrays.asList(command),
                        strings(row.getString("env")), strings(row.getString("headers")), AccessColumn.read(row.getString("access")),
                        AccessColumn.readTools(row.getString("tools")), variables.getOrDefault(tenant, Map.of()));
                next.computeIfAbsent(target.tenant(), ignoredTenant -> new HashMap<>()).put(target.name(), target);
            }
            Set<UUID> kept = next.values().stream().flatMap(servers -> servers.values().stream()).map(UpstreamTarget::id).collect(Collectors.toSet());
            byTenant.values().stream().flatMap(servers -> servers.values().stream())
                    .filter(old -> !kept.contains(old.id())).forEach(gone -> connections.retire(gone.id()));
            replace(next.entrySet().stream().collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> Map.copyOf(e.getValue()))));
            loaded = true;
        }).replaceWithVoid();
    }

    /** The variables' values by tenant; one that does not open (sealed under another key) is left out, and said so. */
    private Map<String, Map<String, String>> opened(RowSet<Row> rows) {
        Map<String, Map<String, String>> opened = new HashMap<>();
        for (Row row : rows) {
            String tenant = row.getString("tenant_id");
            String name = row.getString("name");
            try {
                opened.computeIfAbsent(tenant, ignored -> new HashMap<>()).put(name, seal.open(tenant, name, row.getString("value_sealed")));
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                LOG.warnf("Variable %s of tenant %s does not open with this replica's ccos.gateway.variables.sealing-key: set it again", name, tenant);
            }
        }
        return opened;
    }

    private static Map<String, String> strings(String column) {
        try {
            return column == null ? Map.of() : JSON.readValue(column, STRINGS);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("upstream_server env or headers is not a JSON object of strings", e);
        }
    }

    private static Map<String, String> strings(Map<String, Object> column) {
        return column == null ? Map.of() : JSON.convertValue(column, STRINGS);
    }

    /** The registration with the tenant's variables expanded; a refusal names the variables it lacks. */
    private static UpstreamTarget target(UUID id, String tenant, String name, Transport transport, String url, List<String> command,
            Map<String, String> env, Map<String, String> headers, ToolAccess access, List<VirtualTool> tools, Map<String, String> variables) {
        Set<String> missing = new TreeSet<>();
        String expandedUrl = VariableExpansion.expand(url, variables, missing);
        List<String> argv = command == null ? null : command.stream().map(arg -> VariableExpansion.expand(arg, variables, missing)).toList();
        Map<String, String> expandedEnv = new HashMap<>();
        env.forEach((key, value) -> expandedEnv.put(key, VariableExpansion.expand(value, variables, missing)));
        Map<String, String> expandedHeaders = new HashMap<>();
        headers.forEach((key, value) -> expandedHeaders.put(key, VariableExpansion.expand(value, variables, missing)));
        String refusal = missing.isEmpty() ? null : "needs the variable" + (missing.size() > 1 ? "s " : " ") + String.join(", ", missing)
                + ", which your organization has not set (PUT /api/v1/upstream-variables/{name})";
        URI endpoint = null;
        if (expandedUrl != null && refusal == null) {
            try {
                endpoint = URI.create(expandedUrl);
            } catch (IllegalArgumentException e) {
                refusal = "has a url that is not one once its variables are expanded";
            }
        }
        return new UpstreamTarget(id, tenant, name, transport, endpoint, argv, Map.copyOf(expandedEnv), Map.copyOf(expandedHeaders), access, refusal, tools);
    }
}
