package io.ccos.platform.security;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.security.StringPermission;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PermissionsFromRolesTest {

    private final PermissionsFromRoles augmentor = new PermissionsFromRoles(() -> Map.of(
            "developer", Set.of("settings:read", "agents:write"),
            "auditor", Set.of("settings:read", "sessions:read")));

    private SecurityIdentity augmented(String... roles) {
        QuarkusSecurityIdentity.Builder identity = QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal("ann"));
        for (String role : roles) {
            identity.addRole(role);
        }
        return augmentor.augment(identity.build(), null).await().indefinitely();
    }

    private static boolean may(SecurityIdentity identity, String name, String action) {
        return identity.checkPermission(new StringPermission(name, action)).await().indefinitely();
    }

    @Test
    void aCallerGetsThePermissionsOfEachOfItsRolesAndNoOthers() {
        SecurityIdentity both = augmented("developer", "auditor");
        assertTrue(may(both, "settings", "read"));
        assertTrue(may(both, "agents", "write"));
        assertTrue(may(both, "sessions", "read"));
        assertFalse(may(both, "settings", "write"));
        assertFalse(may(augmented("developer"), "sessions", "read"));
        assertFalse(may(augmented("unknown-role"), "settings", "read"));
    }

    @Test
    void anAnonymousCallerIsLeftAlone() {
        SecurityIdentity anonymous = QuarkusSecurityIdentity.builder().setAnonymous(true).build();
        assertSame(anonymous, augmentor.augment(anonymous, null).await().indefinitely());
    }
}
