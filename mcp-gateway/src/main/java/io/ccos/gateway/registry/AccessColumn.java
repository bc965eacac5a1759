package io.ccos.gateway.registry;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ccos.gateway.access.AccessRule;
import io.ccos.gateway.access.ToolAccess;
import io.ccos.gateway.upstream.VirtualTool;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * The JSON columns of upstream_server that hold lists: access, {"rules": [...]}, to and from access rules, and a
 * virtual server's tools, {"tools": [...]}.
 */
final class AccessColumn {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<AccessRule>> RULES = new TypeReference<>() {
    };

    private static final TypeReference<List<VirtualTool>> TOOLS = new TypeReference<>() {
    };

    private AccessColumn() {
    }

    static Map<String, Object> writtenTools(List<VirtualTool> tools) {
        return tools == null ? null : Map.of("tools", JSON.convertValue(tools, List.class));
    }

    /** A virtual server's tools from the entity's map; null for another server. */
    static List<VirtualTool> readTools(Map<String, Object> column) {
        return column == null ? null : List.copyOf(JSON.convertValue(column.get("tools"), TOOLS));
    }

    /** The same from the column's text. */
    static List<VirtualTool> readTools(String column) {
        if (column == null) {
            return null;
        }
        try {
            return List.copyOf(JSON.convertValue(JSON.readTree(column).get("tools"), TOOLS));
        } catch (IOException e) {
            throw new UncheckedIOException("upstream_server.tools is not JSON", e);
        }
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
