package io.ccos.gateway.jsonrpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * JSON-RPC 2.0 messages as MCP uses them: a request has an id (a string or a number, never null) and a
 * method; a notification has a method and no id; a response has an id and a result or an error.
 */
public final class JsonRpc {

    public static final String VERSION = "2.0";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** What a message is, by its members. */
    public enum Kind { REQUEST, NOTIFICATION, RESPONSE }

    private JsonRpc() {
    }

    /**
     * The kind of a message read from a peer; fails with -32600 naming what is wrong when it is none of
     * them (the id to answer with, when it has a usable one, rides on the error's data).
     */
    public static Kind kindOf(JsonNode message) {
        if (!(message instanceof ObjectNode object)) {
            throw new JsonRpcError(JsonRpcError.INVALID_REQUEST, "a JSON-RPC message must be a JSON object"
                    + (message != null && message.isArray() ? " (batches are not part of MCP since 2025-06-18)" : ""), null, 400);
        }
        if (!VERSION.equals(object.path("jsonrpc").textValue())) {
            throw new JsonRpcError(JsonRpcError.INVALID_REQUEST, "\"jsonrpc\" must be \"2.0\"", null, 400);
        }
        JsonNode id = object.get("id");
        boolean hasMethod = object.has("method");
        if (hasMethod && !object.get("method").isTextual()) {
            throw new JsonRpcError(JsonRpcError.INVALID_REQUEST, "\"method\" must be a string", null, 400);
        }
        if (id != null && !id.isTextual() && !id.isIntegralNumber()) {
            throw new JsonRpcError(JsonRpcError.INVALID_REQUEST,
                    "\"id\" must be a string or an integer (MCP forbids null ids), not " + id.getNodeType().name().toLowerCase(), null, 400);
        }
        if (hasMethod) {
            JsonNode params = object.get("params");
            if (params != null && !params.isObject() && !params.isNull()) {
                throw new JsonRpcError(JsonRpcError.INVALID_REQUEST, "\"params\" must be an object in MCP", null, 400);
            }
            return id == null ? Kind.NOTIFICATION : Kind.REQUEST;
        }
        if (id != null && (object.has("result") || object.has("error"))) {
            return Kind.RESPONSE;
        }
        throw new JsonRpcError(JsonRpcError.INVALID_REQUEST, "a message needs a \"method\" (a request or a notification) or an \"id\" with a \"result\" or an \"error\" (a response)", null, 400);
    }

    public static ObjectNode request(long id, String method, JsonNode params) {
        return request(NODES.numberNode(id), method, params);
    }

    public static ObjectNode request(JsonNode id, String method, JsonNode params) {
        ObjectNode request = NODES.objectNode().put("jsonrpc", VERSION);
        request.set("id", id);
        request.put("method", method);
        if (params != null && !params.isNull()) {
            request.set("params", params);
        }
        return request;
    }

    public static ObjectNode notification(String method, JsonNode params) {
        ObjectNode notification = NODES.objectNode().put("jsonrpc", VERSION).put("method", method);
        if (params != null && !params.isNull()) {
            notification.set("params", params);
        }
        return notification;
    }

    public static ObjectNode result(JsonNode id, JsonNode result) {
        ObjectNode response = NODES.objectNode().put("jsonrpc", VERSION);
        response.set("id", id == null ? NullNode.instance : id);
        response.set("result", result);
        return response;
    }

    public static ObjectNode error(JsonNode id, JsonRpcError error) {
        ObjectNode response = NODES.objectNode().put("jsonrpc", VERSION);
        response.set("id", id == null ? NullNode.instance : id);
        ObjectNode body = response.putObject("error").put("code", error.code()).put("message", error.getMessage());
        if (error.data() != null) {
            body.set("data", error.data());
        }
        return response;
    }
}
