package io.ccos.platform.security;

import io.quarkus.security.StringPermission;

/**
 * A permission of {@link io.ccos.contracts.security.Permissions} ("name:action", e.g. "hooks:decide") as a
 * Java permission, the way {@code @PermissionsAllowed} and {@code addPermissionsAsString} read it: permission
 * "hooks" with action "decide".
 */
public final class PermissionNames {

    private PermissionNames() {
    }

    public static StringPermission of(String permission) {
        int colon = permission.indexOf(':');
        return colon < 0 ? new StringPermission(permission)
                : new StringPermission(permission.substring(0, colon), permission.substring(colon + 1));
    }
}
