package io.ccos.systemtests.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * One hostile request to an endpoint: a raw body (sent byte for byte, as a client could), a content type,
 * and the path parameters to put in the path template (already percent-encoded where that is the point).
 */
record HostileCase(String name, String contentType, String body, Map<String, String> pathValues, Map<String, String> headers, String query) {

    HostileCase(String name, String contentType, String body, Map<String, String> pathValues, Map<String, String> headers) {
        this(name, contentType, body, pathValues, headers, "");
    }

    static final String JSON = "application/json";

    /** The bodies of the corpus, each a well-formed sample of the endpoint's schema spoiled in one way. */
    static List<HostileCase> bodies(JsonNode sample, Map<String, String> pathValues) {
        String valid = sample.toString();
        List<HostileCase> cases = new ArrayList<>();
        String text = firstField(sample, JsonNode::isTextual);
        String anyField = firstField(sample, node -> true);
        if (sample.isObject()) {
            cases.add(body("NUL in a string", with(sample, text, "\"a\\u0000b\""), pathValues));
            cases.add(body("NUL in a field name", withRaw(valid, "\"k\\u0000\":1"), pathValues));
            cases.add(body("unpaired surrogate", with(sample, text, "\"\\ud800x\""), pathValues));
            cases.add(body("duplicate key after the fields", withRaw(valid, "\"" + anyField + "\":" + sample.path(anyField)), pathValues));
            cases.add(body("number where a string is expected", with(sample, text, "123"), pathValues));
            cases.add(body("object where a string is expected", with(sample, text, "{\"a\":1}"), pathValues));
            cases.add(body("number beyond double", withRaw(valid, "\"n\":1e400"), pathValues));
        }
        cases.add(body("trailing data", valid + " x", pathValues));
        cases.add(body("truncated", valid.substring(0, valid.length() - 1), pathValues));
        cases.add(body("not JSON", "{'a': 1}", pathValues));
        cases.add(body("empty body", "", pathValues));
        cases.add(body("JSON null", "null", pathValues));
        cases.add(body("array instead of object", "[" + valid + "]", pathValues));
        cases.add(body("string instead of object", "\"" + valid.replace("\"", "'") + "\"", pathValues));
        cases.add(body("nested 500 deep", "{\"a\":" + "[".repeat(500) + "]".repeat(500) + "}", pathValues));
        cases.add(body("2 MB body", "{\"pad\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}", pathValues));
        cases.add(new HostileCase("merge-patch media type", "application/merge-patch+json", valid, pathValues, Map.of()));
        cases.add(new HostileCase("wildcard media type", "*/*", valid, pathValues, Map.of()));
        cases.add(new HostileCase("text/plain", "text/plain", valid, pathValues, Map.of()));
        cases.add(new HostileCase("latin-1 charset", "application/json; charset=ISO-8859-1", valid, pathValues, Map.of()));
        cases.add(new HostileCase("XML accepted only", JSON, valid, pathValues, Map.of("Accept", "application/xml")));
        return cases;
    }

    /** Path parameters spoiled one at a time; {@code marker} starts the line a forged log entry would begin. */
    static List<HostileCase> paths(String validBody, Map<String, String> pathValues, String marker) {
        List<HostileCase> cases = new ArrayList<>();
        for (String parameter : pathValues.keySet()) {
            cases.add(path("NUL in {" + parameter + "}", validBody, pathValues, parameter, "a%00b"));
            cases.add(path("newline in {" + parameter + "}", validBody, pathValues, parameter, "a%0a" + marker + "%20INFO%20forged"));
            cases.add(path("CR LF in {" + parameter + "}", validBody, pathValues, parameter, "a%0d%0a" + marker));
            cases.add(path("matrix parameter in {" + parameter + "}", validBody, pathValues, parameter, "a;b=c"));
            cases.add(path("encoded slash in {" + parameter + "}", validBody, pathValues, parameter, "a%2Fb"));
            cases.add(path("dot segment in {" + parameter + "}", validBody, pathValues, parameter, ".."));
            cases.add(path("5000 characters in {" + parameter + "}", validBody, pathValues, parameter, "a".repeat(5000)));
            cases.add(path("SQL in {" + parameter + "}", validBody, pathValues, parameter, "x'%20or%20'1'='1"));
        }
        return cases;
    }

    /** Query parameters spoiled one at a time (paging limits, cursors). */
    static List<HostileCase> queries(String validBody, Map<String, String> pathValues, List<String> parameters) {
        List<HostileCase> cases = new ArrayList<>();
        for (String parameter : parameters) {
            for (String value : List.of("abc", "-1", "0", "99999999999999999999", "1e3", "a%00b", "a%0ab", "")) {
                cases.add(new HostileCase("?" + parameter + "=" + value, JSON, validBody, pathValues, Map.of(), "?" + parameter + "=" + value));
            }
            cases.add(new HostileCase("?" + parameter + " twice", JSON, validBody, pathValues, Map.of(), "?" + parameter + "=1&" + parameter + "=2"));
        }
        return cases;
    }

    /** Credentials and headers no service may trip over. */
    static List<HostileCase> headers(String validBody, Map<String, String> pathValues) {
        return List.of(
                new HostileCase("bearer token of dots", JSON, validBody, pathValues, Map.of("Authorization", "Bearer .")),
                new HostileCase("empty bearer token", JSON, validBody, pathValues, Map.of("Authorization", "Bearer ")),
                new HostileCase("JWT header not JSON", JSON, validBody, pathValues, Map.of("Authorization", "Bearer x.e30.x")),
                new HostileCase("JWT without key id", JSON, validBody, pathValues,
                        Map.of("Authorization", "Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln")),
                new HostileCase("unsigned JWT", JSON, validBody, pathValues,
                        Map.of("Authorization", "Bearer eyJhbGciOiJub25lIiwia2lkIjoieCJ9.eyJzdWIiOiJ4In0.c2ln")),
                new HostileCase("opaque token", JSON, validBody, pathValues, Map.of("Authorization", "Bearer 2YotnFZFEjr1zCsicMWpAA")),
                new HostileCase("basic credentials", JSON, validBody, pathValues, Map.of("Authorization", "Basic YWRtaW46YWRtaW4=")),
                new HostileCase("20 KB header", JSON, validBody, pathValues, Map.of("X-Padding", "p".repeat(20 * 1024))));
    }

    private static HostileCase body(String name, String body, Map<String, String> pathValues) {
        return new HostileCase(name, JSON, body, pathValues, Map.of());
    }

    private static HostileCase path(String name, String body, Map<String, String> pathValues, String parameter, String value) {
        Map<String, String> spoiled = new java.util.LinkedHashMap<>(pathValues);
        spoiled.put(parameter, value);
        return new HostileCase(name, JSON, body, spoiled, Map.of());
    }

    /** The sample with one field's value replaced by raw JSON text (or the raw field added when there is none). */
    private static String with(JsonNode sample, String field, String rawValue) {
        if (field == null) {
            return withRaw(sample.toString(), "\"probe\":" + rawValue);
        }
        ObjectNode copy = ((ObjectNode) sample).deepCopy();
        copy.put(field, "@@value@@");
        return copy.toString().replace("\"@@value@@\"", rawValue);
    }

    /** The sample object's text with a raw member appended after its fields. */
    private static String withRaw(String objectText, String member) {
        String inner = objectText.substring(1, objectText.length() - 1);
        return "{" + inner + (inner.isBlank() ? "" : ",") + member + "}";
    }

    private static String firstField(JsonNode sample, java.util.function.Predicate<JsonNode> kind) {
        for (Iterator<Map.Entry<String, JsonNode>> fields = sample.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (kind.test(field.getValue())) {
                return field.getKey();
            }
        }
        return null;
    }
}
