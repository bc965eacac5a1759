package io.ccos.hook.keys;

import io.ccos.contracts.security.HookKeys;
import io.ccos.contracts.security.Roles;
import io.ccos.platform.security.PermissionsFromRoles;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The identity a hook key stands for: its user in its tenant, with the one role {@code hook-key} (it may
 * ask for decisions and nothing else) and that role's permissions. Built once per key and kept, so that the
 * decision route admits a hook key with a map lookup and a SHA-256 ({@link HookKeyCache#verify}) rather
 * than through the authentication pipeline; the pipeline's mechanism ({@link HookKeyAuthentication}) hands
 * out the same identities.
 */
@ApplicationScoped
public class HookKeyIdentities {

    private static final String SCHEME = "Bearer ";

    private final HookKeyCache keys;
    private final PermissionsFromRoles permissions;
    // One entry per valid key (a wrong key never gets here); a key changing holder makes a new entry.
    private final Map<HookKeyCache.Holder, SecurityIdentity> identities = new ConcurrentHashMap<>();

    public HookKeyIdentities(HookKeyCache keys, PermissionsFromRoles permissions) {
        this.keys = keys;
        this.permissions = permissions;
    }

    /** The hook key the request presents as its bearer credential, if it presents one. */
    public static Optional<String> presented(RoutingContext context) {
        String authorization = context.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())
                || !authorization.startsWith(HookKeys.PREFIX, SCHEME.length())) {
            return Optional.empty();
        }
        return Optional.of(authorization.substring(SCHEME.length()).strip());
    }

    /** The key's identity; empty when the key is unknown, revoked or its secret wrong. */
    public Optional<SecurityIdentity> of(String key) {
        return keys.verify(key).map(holder -> identities.computeIfAbsent(holder, this::identity));
    }

    private SecurityIdentity identity(HookKeyCache.Holder holder) {
        return permissions.withPermissions(QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(holder.user()))
                .addRole(Roles.HOOK_KEY)
                .addAttribute(HookKeys.TENANT_ATTRIBUTE, holder.tenant())
                .addAttribute(HookKeys.KEY_ID_ATTRIBUTE, holder.keyId())
                .build());
    }
}
