package io.ccos.gateway.downstream;

/**
 * A client's notifications/cancelled that reached a replica not answering the request: every replica looks
 * for the call (ccos.gateway.relay; the tenant is the event's).
 *
 * @param user      the user whose client cancelled
 * @param session   its session id (empty in the stateless revision)
 * @param requestId the cancelled request's id, as JSON
 */
public record ClientCancelled(String user, String session, String requestId) {
}
