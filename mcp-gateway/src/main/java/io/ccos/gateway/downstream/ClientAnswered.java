package io.ccos.gateway.downstream;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A client's answer to a request that a replica relayed to it, passed on by the replica that received it
 * (ccos.gateway.relay; the tenant is the event's).
 *
 * @param replica   the replica that waits for it (the one its id names)
 * @param user      the user whose client answered
 * @param session   the client's session id
 * @param requestId the relayed request's id
 * @param response  the client's JSON-RPC response, as it came
 */
public record ClientAnswered(String replica, String user, String session, String requestId, JsonNode response) {
}
