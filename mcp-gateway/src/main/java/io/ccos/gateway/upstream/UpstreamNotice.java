package io.ccos.gateway.upstream;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A notification an upstream sent about no call: one of its lists changed, or a resource a session
 * subscribed to was updated. Fired as a CDI event by this replica's connection; who needs it, on whichever
 * replica, is the downstream's business.
 *
 * @param tenant the server's tenant
 * @param server the server's name
 * @param method notifications/tools/list_changed, notifications/prompts/list_changed,
 *               notifications/resources/list_changed or notifications/resources/updated
 * @param params its params (for resources/updated, the uri), or null
 */
public record UpstreamNotice(String tenant, String server, String method, JsonNode params) {

    /** What is passed on; other notifications about no call (log lines of no call's) stay in the gateway's log. */
    static boolean relayed(String method) {
        return switch (method) {
            case "notifications/tools/list_changed", "notifications/prompts/list_changed", "notifications/resources/list_changed",
                    "notifications/resources/updated" -> true;
            default -> false;
        };
    }
}
