package io.ccos.gateway.upstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The progress tokens the gateway gives an upstream: one per request, made of the connection's own request id,
 * since every caller of a server shares its connection and the callers' own tokens may collide. The
 * upstream's notifications/progress then lead back to the call ({@link UpstreamMessages}).
 */
final class ProgressTokens {

    private static final String PREFIX = "ccos-";

    private ProgressTokens() {
    }

    /** {@code params} asking for progress under the token of request {@code id}. */
    static JsonNode asking(JsonNode params, long id) {
        ObjectNode copy = params instanceof ObjectNode object ? object.deepCopy() : JsonNodeFactory.instance.objectNode();
        ObjectNode meta = copy.get("_meta") instanceof ObjectNode given ? given : copy.putObject("_meta");
        meta.put("progressToken", PREFIX + id);
        return copy;
    }

    /** The request a notifications/progress is about, or -1 when its token is not one of ours. */
    static long requestOf(JsonNode notificationParams) {
        String token = notificationParams.path("progressToken").asText("");
        if (!token.startsWith(PREFIX)) {
            return -1;
        }
        try {
            return Long.parseLong(token, PREFIX.length(), token.length(), 10);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
