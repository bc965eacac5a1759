package io.ccos.gateway.downstream;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An upstream's notice about no call (a list changed, a resource was updated), passed on by the replica
 * whose connection heard it to every replica, for the sessions streaming there (ccos.gateway.relay; the
 * tenant is the event's).
 *
 * @param server the server's name
 * @param method the notification's method
 * @param params its params, or null
 */
public record UpstreamNotified(String server, String method, JsonNode params) {
}
