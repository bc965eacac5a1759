package io.ccos.platform.security;

import io.smallrye.config.ConfigMapping;
import java.util.Map;
import java.util.Set;

/**
 * The one table of which realm role grants which permissions ({@link io.ccos.contracts.security.Permissions}),
 * in the platform's configuration: {@code ccos.security.role-permissions.<role>=perm,perm}.
 */
@ConfigMapping(prefix = "ccos.security")
public interface RolePermissions {

    /** Permissions granted by each role; a role that is not listed grants none. */
    Map<String, Set<String>> rolePermissions();
}
