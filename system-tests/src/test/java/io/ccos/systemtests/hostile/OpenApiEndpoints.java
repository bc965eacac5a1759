package io.ccos.systemtests.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.RestAssured;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The endpoints a running service describes in its OpenAPI document (/q/openapi, operator token). */
record OpenApiEndpoints(List<Endpoint> endpoints, JsonNode components) {

    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");
    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH");

    /** One operation: its method, path template, path and query parameters (name to schema) and JSON body schema, if any. */
    record Endpoint(String method, String path, Map<String, JsonNode> pathParameters, List<String> queryParameters, JsonNode bodySchema) {

        boolean writes() {
            return WRITES.contains(method);
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    static OpenApiEndpoints of(String serviceUrl, String operatorToken) {
        String json = RestAssured.given().baseUri(serviceUrl).auth().oauth2(operatorToken)
                .queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().asString();
        JsonNode document;
        try {
            document = new ObjectMapper().readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException(serviceUrl + "/q/openapi is not JSON", e);
        }
        List<Endpoint> endpoints = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> operations = path.getValue().fields(); operations.hasNext(); ) {
                Map.Entry<String, JsonNode> operation = operations.next();
                if (!METHODS.contains(operation.getKey())) {
                    continue;
                }
                Map<String, JsonNode> parameters = new LinkedHashMap<>();
                List<String> query = new ArrayList<>();
                for (JsonNode parameter : operation.getValue().path("parameters")) {
                    if ("path".equals(parameter.path("in").asText())) {
                        parameters.put(parameter.path("name").asText(), parameter.path("schema"));
                    } else if ("query".equals(parameter.path("in").asText())) {
                        query.add(parameter.path("name").asText());
                    }
                }
                JsonNode body = operation.getValue().path("requestBody").path("content").path("application/json").path("schema");
                endpoints.add(new Endpoint(operation.getKey().toUpperCase(), path.getKey(), parameters, List.copyOf(query),
                        body.isMissingNode() ? null : body));
            }
        }
        return new OpenApiEndpoints(List.copyOf(endpoints), document.path("components").path("schemas"));
    }

    /** The schema a {@code $ref} points to, or the schema itself. */
    JsonNode resolve(JsonNode schema) {
        JsonNode resolved = schema;
        for (int hops = 0; resolved != null && resolved.has("$ref") && hops < 10; hops++) {
            String ref = resolved.path("$ref").asText();
            resolved = components.path(ref.substring(ref.lastIndexOf('/') + 1));
        }
        return resolved;
    }
}
