package io.ccos.platform.edge;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.JsonNodeDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.deser.std.UntypedObjectDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * How every ccos service reads JSON (request bodies and events): a body means one thing only. Duplicate
 * keys, data after the document, scalars of the wrong kind ("id": 123 for a string), nesting beyond
 * {@code ccos.edge.json.max-depth} and text PostgreSQL cannot store are refused, naming the field; numbers
 * are read exactly (1e400 stays 1e400, 0.1000000000000000000001 keeps its digits).
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    private final EdgeConfig.Json limits;

    public StrictJson(EdgeConfig config) {
        this.limits = config.json();
    }

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(limits.maxDepth())
                .maxStringLength(limits.maxStringLength())
                .maxNameLength(limits.maxStringLength())
                .maxNumberLength(limits.maxNumberLength())
                .build());
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        mapper.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        mapper.enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
        mapper.setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));
        for (CoercionInputShape scalar : List.of(CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean)) {
            mapper.coercionConfigFor(LogicalType.Textual).setCoercion(scalar, CoercionAction.Fail);
        }
        for (LogicalType type : List.of(LogicalType.Integer, LogicalType.Float, LogicalType.Boolean)) {
            mapper.coercionConfigFor(type).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        }
        mapper.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);

        SimpleModule storable = new SimpleModule("ccos-storable-text");
        storable.addDeserializer(String.class, new StorableString());
        storable.addKeyDeserializer(String.class, new StorableKey());
        storable.addDeserializer(JsonNode.class, new StorableTree());
        storable.addDeserializer(Object.class, new StorableUntyped());
        mapper.registerModule(storable);
    }

    private static void check(JsonParser parser, String text, String pointer) throws UnstorableTextException {
        String defect = text == null ? null : UnstorableTextException.defect(text);
        if (defect != null) {
            throw new UnstorableTextException(parser, pointer, defect);
        }
    }

    private static String here(JsonParser parser) {
        return parser.getParsingContext().pathAsPointer().toString();
    }

    /** Strings of typed fields (records, lists and maps of strings). */
    static final class StorableString extends StdDeserializer<String> {
        StorableString() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String value = StringDeserializer.instance.deserialize(parser, context);
            check(parser, value, here(parser));
            return value;
        }
    }

    /** Field names of maps keyed by string. */
    static final class StorableKey extends KeyDeserializer {
        @Override
        public Object deserializeKey(String key, DeserializationContext context) throws IOException {
            check(context.getParser(), key, here(context.getParser()));
            return key;
        }
    }

    /** Documents read as trees: every string and field name in them. */
    static final class StorableTree extends StdDeserializer<JsonNode> {
        StorableTree() {
            super(JsonNode.class);
        }

        @Override
        public JsonNode deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            JsonPointer at = parser.getParsingContext().pathAsPointer();
            JsonNode tree = JsonNodeDeserializer.getDeserializer(JsonNode.class).deserialize(parser, context);
            walk(parser, tree, at.toString());
            return tree;
        }

        @Override
        public JsonNode getNullValue(DeserializationContext context) {
            return context.getNodeFactory().nullNode();
        }

        private static void walk(JsonParser parser, JsonNode node, String pointer) throws UnstorableTextException {
            if (node.isTextual()) {
                check(parser, node.textValue(), pointer);
            } else if (node.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    String child = pointer + "/" + escape(field.getKey());
                    check(parser, field.getKey(), child);
                    walk(parser, field.getValue(), child);
                }
            } else if (node.isArray()) {
                for (int i = 0; i < node.size(); i++) {
                    walk(parser, node.get(i), pointer + "/" + i);
                }
            }
        }
    }

    /** Values of fields typed Object (documents as maps): every string and key in them. */
    static final class StorableUntyped extends StdDeserializer<Object> {
        private final UntypedObjectDeserializer untyped = new UntypedObjectDeserializer(null, null);

        StorableUntyped() {
            super(Object.class);
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String at = here(parser);
            Object value = untyped.deserialize(parser, context);
            walk(parser, value, at);
            return value;
        }

        private static void walk(JsonParser parser, Object value, String pointer) throws UnstorableTextException {
            switch (value) {
                case String text -> check(parser, text, pointer);
                case Map<?, ?> map -> {
                    for (Map.Entry<?, ?> entry : map.entrySet()) {
                        String child = pointer + "/" + escape(String.valueOf(entry.getKey()));
                        check(parser, String.valueOf(entry.getKey()), child);
                        walk(parser, entry.getValue(), child);
                    }
                }
                case List<?> list -> {
                    for (int i = 0; i < list.size(); i++) {
                        walk(parser, list.get(i), pointer + "/" + i);
                    }
                }
                case null, default -> {
                }
            }
        }
    }

    /** A field name as a JSON pointer token (RFC 6901). */
    private static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }
}
