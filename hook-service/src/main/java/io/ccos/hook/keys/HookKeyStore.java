package io.ccos.hook.keys;

import io.ccos.platform.paging.Page;
import io.ccos.platform.paging.PageRequest;
import io.ccos.platform.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** Creates, lists and revokes the hook keys of the caller's tenant; each change reaches the key cache. */
@ApplicationScoped
public class HookKeyStore {

    private final HookKeyCache cache;

    public HookKeyStore(HookKeyCache cache) {
        this.cache = cache;
    }

    /** A new key of the user; the answer is the only place its secret ever appears. */
    @WithTransaction
    public Uni<HookKeyView> create(String name, String user) {
        HookKeyFormat.Minted minted = HookKeyFormat.mint();
        HookKey key = new HookKey();
        key.id = minted.id();
        key.user = user;
        key.name = name;
        key.secretSha256 = minted.secretSha256();
        key.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        key.changedAt = key.createdAt;
        return key.<HookKey>persist().invoke(cache::put).map(saved -> HookKeyView.of(saved, minted.key()));
    }

    /** The user's keys, or with {@code everyone} every key of the tenant, oldest first. */
    @WithSession
    public Uni<Page<HookKeyView>> list(PageRequest page, String user, boolean everyone) {
        var query = page.first()
                ? HookKey.<HookKey>find(everyone ? "order by createdAt, id" : "user = ?1 order by createdAt, id", everyone ? new Object[0] : new Object[] {user})
                : HookKey.<HookKey>find((everyone ? "" : "user = ?3 and ") + PageRequest.keysetCondition("createdAt", "id") + " order by createdAt, id",
                        everyone ? new Object[] {page.after(0, Instant::parse), page.after(1)}
                                : new Object[] {page.after(0, Instant::parse), page.after(1), user});
        return query.range(0, page.limit()).list()
                .map(keys -> Page.of(keys, page, key -> List.of(key.createdAt.toString(), key.id)).map(key -> HookKeyView.of(key, null)));
    }

    /** Revokes a key of the user (any key of the tenant with {@code everyone}); another's is a 404. */
    @WithTransaction
    public Uni<HookKeyView> revoke(String id, String user, boolean everyone) {
        return HookKey.<HookKey>findById(id).chain(key -> {
            if (key == null || (!everyone && !key.user.equals(user))) {
                return Uni.createFrom().failure(ProblemException.notFound("Hook key", id));
            }
            if (key.revokedAt == null) {
                key.revokedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
                key.changedAt = key.revokedAt;
            }
            return key.<HookKey>persist().invoke(cache::put).map(saved -> HookKeyView.of(saved, null));
        });
    }
}
