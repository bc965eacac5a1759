package io.ccos.gateway.access;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * Who may use which tools of a server: a caller matches when it holds one of the roles, is in one of the
 * groups (the token's {@code groups} claim) or is one of the users (the token's subject); an empty or absent
 * list of each kind does not restrict. {@code tools} names tools exactly or with a trailing {@code *}
 * ({@code get-*}); absent, every tool of the server.
 */
public record AccessRule(
        @Size(max = 256) List<@NotNull @Size(min = 1, max = 256) String> tools,
        @Size(max = 256) List<@NotNull @Size(min = 1, max = 256) String> roles,
        @Size(max = 256) List<@NotNull @Size(min = 1, max = 256) String> groups,
        @Size(max = 256) List<@NotNull @Size(min = 1, max = 256) String> users) {

    boolean matches(Caller caller) {
        boolean anyPrincipal = isEmpty(roles) && isEmpty(groups) && isEmpty(users);
        return anyPrincipal
                || !isEmpty(roles) && roles.stream().anyMatch(caller.roles()::contains)
                || !isEmpty(groups) && groups.stream().anyMatch(caller.groups()::contains)
                || !isEmpty(users) && users.contains(caller.user());
    }

    boolean covers(String tool) {
        return isEmpty(tools) || tools.stream().anyMatch(pattern -> pattern.endsWith("*")
                ? tool.startsWith(pattern.substring(0, pattern.length() - 1))
                : tool.equals(pattern));
    }

    private static boolean isEmpty(List<String> values) {
        return values == null || values.isEmpty();
    }
}
