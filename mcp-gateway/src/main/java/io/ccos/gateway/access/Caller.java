package io.ccos.gateway.access;

import io.quarkus.security.identity.SecurityIdentity;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** What access rules look at: the caller's subject, roles and groups. */
public record Caller(String user, Set<String> roles, Set<String> groups) {

    public static Caller of(SecurityIdentity identity) {
        Set<String> groups = identity.getPrincipal() instanceof JsonWebToken token && token.getGroups() != null
                ? Set.copyOf(token.getGroups()) : Set.of();
        return new Caller(identity.getPrincipal().getName(), Set.copyOf(identity.getRoles()), groups);
    }
}
