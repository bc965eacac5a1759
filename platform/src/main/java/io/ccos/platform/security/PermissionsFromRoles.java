package io.ccos.platform.security;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashSet;
import java.util.Set;

/** Gives every authenticated caller the permissions its roles grant ({@link RolePermissions}). */
@ApplicationScoped
public class PermissionsFromRoles implements SecurityIdentityAugmentor {

    private final RolePermissions table;

    public PermissionsFromRoles(RolePermissions table) {
        this.table = table;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous()) {
            return Uni.createFrom().item(identity);
        }
        Set<String> granted = new HashSet<>();
        for (String role : identity.getRoles()) {
            granted.addAll(table.rolePermissions().getOrDefault(role, Set.of()));
        }
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder(identity).addPermissionsAsString(granted).build());
    }
}
