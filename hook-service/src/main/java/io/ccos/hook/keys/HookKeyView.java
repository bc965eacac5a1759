package io.ccos.hook.keys;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * A hook key as the API shows it.
 *
 * @param key the whole key, only in the answer that created it: it cannot be shown again
 * @param lastUsedAt when it last authenticated a request (kept to within ccos.hooks.keys.refresh-interval)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HookKeyView(String id, String name, String user, Instant createdAt, Instant lastUsedAt, Instant revokedAt, String key) {

    static HookKeyView of(HookKey key, String secretKey) {
        return new HookKeyView(key.id, key.name, key.user, key.createdAt, key.lastUsedAt, key.revokedAt, secretKey);
    }
}
