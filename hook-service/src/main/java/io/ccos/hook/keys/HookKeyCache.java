package io.ccos.hook.keys;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Every tenant's hook keys in memory, so that checking one costs a map lookup and a SHA-256, never a
 * database round trip. Each replica reads the table at start and then every ccos.hooks.keys.refresh-interval
 * the rows changed since (a key created or revoked on another replica counts from then on), and writes the
 * last-use times it collected in one statement.
 */
@ApplicationScoped
public class HookKeyCache {

    private static final Logger LOG = Logger.getLogger(HookKeyCache.class);
    private static final String CHANGED_SINCE = """
            select id, tenant_id, user_subject, secret_sha256, revoked_at is not null as revoked, changed_at
            from hook_key where changed_at > $1 order by changed_at""";
    private static final String TOUCH = """
            update hook_key set last_used_at = used.at from unnest($1::text[], $2::timestamptz[]) as used(id, at)
            where hook_key.id = used.id and (hook_key.last_used_at is null or hook_key.last_used_at < used.at)""";

    /** A key as it authenticates: whose it is and the hash of its secret. */
    record Entry(String tenant, String user, byte[] secretSha256, boolean revoked) {
    }

    /** Who a valid key stands for. */
    public record Holder(String keyId, String tenant, String user) {
    }

    private final Pool pool;
    private final Map<String, Entry> keys = new ConcurrentHashMap<>();
    private final Map<String, Instant> used = new ConcurrentHashMap<>();
    private volatile boolean loaded;
    private volatile OffsetDateTime seenUntil = OffsetDateTime.of(1970, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

    public HookKeyCache(Pool pool) {
        this.pool = pool;
    }

    void load(@Observes StartupEvent startup) {
        refresh().subscribe().with(ignored -> LOG.infof("%d hook keys known", keys.size()),
                failure -> LOG.warnf("Hook keys not read yet (%s); the next refresh retries", failure.getMessage()));
    }

    /** Whether the table has been read once (false while the database was away since the start). */
    public boolean loaded() {
        return loaded;
    }

    /** The holder of a key whose secret matches and that is not revoked. */
    public Optional<Holder> verify(String key) {
        Optional<HookKeyFormat.Parsed> parsed = HookKeyFormat.parse(key);
        if (parsed.isEmpty()) {
            return Optional.empty();
        }
        Entry entry = keys.get(parsed.get().id());
        if (entry == null || entry.revoked()
                || !MessageDigest.isEqual(entry.secretSha256(), HookKeyFormat.sha256(parsed.get().secret()))) {
            return Optional.empty();
        }
        used.put(parsed.get().id(), Instant.now());
        return Optional.of(new Holder(parsed.get().id(), entry.tenant(), entry.user()));
    }

    /** Applies a change made on this replica at once (others see it at their next refresh). */
    void put(HookKey key) {
        keys.put(key.id, new Entry(key.tenantId, key.user, key.secretSha256, key.revokedAt != null));
    }

    @Scheduled(every = "${ccos.hooks.keys.refresh-interval:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> refresh() {
        return pool.preparedQuery(CHANGED_SINCE).execute(Tuple.of(seenUntil)).invoke(rows -> {
            for (Row row : rows) {
                keys.put(row.getString("id"), new Entry(row.getString("tenant_id"), row.getString("user_subject"),
                        row.getBuffer("secret_sha256").getBytes(), row.getBoolean("revoked")));
                OffsetDateTime changed = row.getOffsetDateTime("changed_at");
                if (changed.isAfter(seenUntil)) {
                    seenUntil = changed;
                }
            }
            loaded = true;
        }).chain(this::writeLastUse).replaceWithVoid();
    }

    private Uni<Void> writeLastUse() {
        if (used.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<String> ids = new ArrayList<>();
        List<OffsetDateTime> times = new ArrayList<>();
        for (String id : List.copyOf(used.keySet())) {
            Instant at = used.remove(id);
            if (at != null) {
                ids.add(id);
                times.add(at.atOffset(ZoneOffset.UTC));
            }
        }
        return pool.preparedQuery(TOUCH).execute(Tuple.of(ids.toArray(String[]::new), times.toArray(OffsetDateTime[]::new)))
                .replaceWithVoid();
    }
}
