package io.ccos.config.settings;

import com.fasterxml.jackson.annotation.JsonValue;
import io.ccos.contracts.problem.ProblemType;
import io.ccos.platform.problem.ProblemException;
import java.util.Arrays;
import java.util.Locale;

/** Claude Code's settings scopes, from the most binding (managed policy) to the most local. */
public enum SettingsScope {
    MANAGED, USER, PROJECT, LOCAL;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a path segment; an unknown scope is a 404, as for any path that names nothing. */
    public static SettingsScope fromPath(String value) {
        return Arrays.stream(values())
                .filter(scope -> scope.id().equals(value))
                .findFirst()
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND,
                        "Unknown settings scope '" + value + "'; use one of managed, user, project, local"));
    }
}
