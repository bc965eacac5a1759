package io.ccos.systemtests.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;
import java.util.UUID;

/** A plausible value for a schema of an OpenAPI document: what a hostile case then spoils in one place. */
final class Samples {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Samples() {
    }

    static JsonNode of(JsonNode schema, OpenApiEndpoints api) {
        return of(schema, api, 0);
    }

    private static JsonNode of(JsonNode schema, OpenApiEndpoints api, int depth) {
        JsonNode resolved = api.resolve(schema);
        if (resolved == null || resolved.isMissingNode() || depth > 6) {
            return NODES.textNode("probe");
        }
        if (resolved.path("examples").isArray() && !resolved.path("examples").isEmpty()) { // what the document offers as valid
            return resolved.path("examples").get(0);
        }
        if (resolved.has("enum")) {
            return resolved.path("enum").get(0);
        }
        if (resolved.has("oneOf") || resolved.has("anyOf")) {
            return of(resolved.has("oneOf") ? resolved.path("oneOf").get(0) : resolved.path("anyOf").get(0), api, depth + 1);
        }
        String type = resolved.path("type").isArray() ? resolved.path("type").get(0).asText() : resolved.path("type").asText("object");
        return switch (type) {
            case "string" -> NODES.textNode(string(resolved));
            case "integer" -> NODES.numberNode(1);
            case "number" -> NODES.numberNode(1.5);
            case "boolean" -> NODES.booleanNode(true);
            case "array" -> {
                ArrayNode array = NODES.arrayNode();
                array.add(of(resolved.path("items"), api, depth + 1));
                yield array;
            }
            default -> {
                ObjectNode object = NODES.objectNode();
                for (Iterator<Map.Entry<String, JsonNode>> properties = resolved.path("properties").fields(); properties.hasNext(); ) {
                    Map.Entry<String, JsonNode> property = properties.next();
                    object.set(property.getKey(), of(property.getValue(), api, depth + 1));
                }
                if (object.isEmpty()) {
                    object.put("probe", "value"); // a free-form document (settings content)
                }
                yield object;
            }
        };
    }

    /** A path parameter's value that the endpoint accepts as well-formed. */
    static String pathValue(JsonNode schema, OpenApiEndpoints api) {
        JsonNode sample = of(schema, api);
        return sample.isTextual() ? sample.asText() : sample.toString();
    }

    private static String string(JsonNode schema) {
        return switch (schema.path("format").asText()) {
            case "uuid" -> UUID.randomUUID().toString();
            case "date-time" -> "2026-12-01T00:00:00Z";
            case "uri", "url" -> "https://example.com/probe";
            default -> "probe-" + UUID.randomUUID().toString().substring(0, 8); // a lower-case slug: what ccos names are
        };
    }
}
