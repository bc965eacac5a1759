package io.ccos.gateway.registry;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ccos.gateway.access.AccessRule;
import io.ccos.gateway.access.ToolAccess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/** The column upstream_server.access, {"rules": [...]}, to and from access rules. */
final class AccessColumn {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<AccessRule>> RULES = new TypeReference<>() {
    };

    private AccessColumn() {
    }

    static Map<String, Object> written(List<AccessRule> rules) {
        return rules == null ? null : Map.of("rules", JSON.convertValue(rules, List.class));
    }

    /** From the entity's map. */
    static ToolAccess read(Map<String, Object> column) {
        return column == null ? ToolAccess.OPEN : new ToolAccess(JSON.convertValue(column.get("rules"), RULES));
    }

    /** From the column's text (the directory's own query). */
    static ToolAccess read(String column) {
        if (column == null) {
            return ToolAccess.OPEN;
        }
        try {
            return new ToolAccess(JSON.convertValue(JSON.readTree(column).get("rules"), RULES));
        } catch (IOException e) {
            throw new UncheckedIOException("upstream_server.access is not JSON", e);
        }
    }
}
