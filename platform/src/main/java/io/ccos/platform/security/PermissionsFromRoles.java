package io.ccos.platform.security;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.Permission;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Gives every authenticated caller the permissions its roles grant ({@link RolePermissions}). */
@ApplicationScoped
public class PermissionsFromRoles implements SecurityIdentityAugmentor {

    private final RolePermissions table;
    // Callers hold a handful of distinct role sets; each is turned into permissions once, not per request.
    private final Map<Set<String>, Set<Permission>> grantedByRoles = new ConcurrentHashMap<>();

    public PermissionsFromRoles(RolePermissions table) {
        this.table = table;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        return Uni.createFrom().item(withPermissions(identity));
    }

    /** The identity with the permissions its roles grant (what {@link #augment} adds), at once. */
    public SecurityIdentity withPermissions(SecurityIdentity identity) {
        if (identity.isAnonymous()) {
            return identity;
        }
        Set<Permission> granted = grantedByRoles.get(identity.getRoles());
        if (granted == null) { // kept under a copy of the roles: the identity's own set is not ours to keep
            granted = grantedTo(identity.getRoles());
            grantedByRoles.putIfAbsent(Set.copyOf(identity.getRoles()), granted);
        }
        return QuarkusSecurityIdentity.builder(identity).addPermissions(granted).build();
    }

    private Set<Permission> grantedTo(Set<String> roles) {
        Set<Permission> granted = new HashSet<>();
        for (String role : roles) {
            table.rolePermissions().getOrDefault(role, Set.of()).forEach(permission -> granted.add(PermissionNames.of(permission)));
        }
        return Set.copyOf(granted);
    }
}
