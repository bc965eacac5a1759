package io.ccos.gateway.downstream;

/**
 * A session subscribed to a server's resource, or unsubscribed, told to every replica: the one holding the
 * session's stream then passes the resource's updates on (ccos.gateway.relay; the tenant is the event's).
 *
 * @param session    the session id
 * @param server     the server's name
 * @param uri        the resource's URI as the server names it
 * @param subscribed true for resources/subscribe, false for resources/unsubscribe
 */
public record ResourceSubscription(String session, String server, String uri, boolean subscribed) {
}
