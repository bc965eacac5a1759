package io.ccos.gateway.downstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ccos.gateway.access.Caller;
import io.ccos.gateway.upstream.CallControl;
import io.quarkus.security.identity.SecurityIdentity;


/**
 * One JSON-RPC request of a client, admitted.
 *
 * @param id              the client's id, answered as it came (a string or an integer)
 * @param method          the MCP method
 * @param params          its params (an empty object when it sent none)
 * @param caller          who sends it
 * @param tenant          the caller's tenant
 * @param server          the server of /servers/{name}/mcp; null on /mcp, which aggregates every server
 * @param protocolVersion the revision it speaks: the session's, or the request's own in the stateless revision
 * @param sessionId       the client's session id; null in the stateless revision
 * @param control         where the upstream's progress about it goes, and how the client's cancel reaches it
 */
public record McpRequest(JsonNode id, String method, ObjectNode params, SecurityIdentity caller, String tenant, String server,
        String protocolVersion, String sessionId, CallControl control) {

    public boolean stateless() {
        return sessionId == null;
    }

    /** What access rules look at. */
    public Caller accessor() {
        return Caller.of(caller);
    }

    public String user() {
        return caller.getPrincipal().getName();
    }

    /** Claude Code's id of the tool call, which joins the call to its transcript; null from other clients. */
    public String toolUseId() {
        JsonNode id = params.path("_meta").get("claudecode/toolUseId");
        return id != null && id.isTextual() ? id.textValue() : null;
    }
}
