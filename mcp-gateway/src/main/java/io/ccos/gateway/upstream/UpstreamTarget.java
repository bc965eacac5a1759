package io.ccos.gateway.upstream;

import io.ccos.gateway.access.ToolAccess;
import io.ccos.gateway.registry.Transport;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What this replica connects to for one registered server of a tenant. Two targets with the same id and
 * different contents are two versions of a registration: the older connection is closed.
 *
 * @param id      the registration's id
 * @param tenant  the tenant it belongs to
 * @param name    the server's name in the tenant (mcp__NAME__tool)
 * @param url     the endpoint of an HTTP server; null for stdio
 * @param command the argv of a stdio server; null otherwise
 * @param env     variables of a stdio server
 * @param headers headers sent to an HTTP server (its credentials, say)
 * @param access  who may use which of its tools
 * @param refusal why it cannot be connected to as registered (a variable it names is not set); null when it can
 * @param tools   what a virtual server offers (it has no connection of its own); null for every other server
 */
public record UpstreamTarget(UUID id, String tenant, String name, Transport transport, URI url, List<String> command,
        Map<String, String> env, Map<String, String> headers, ToolAccess access, String refusal, List<VirtualTool> tools) {

    public boolean virtual() {
        return transport == Transport.VIRTUAL;
    }

    /** Whether a connection opened for {@code other} serves this target too (access rules do not touch the connection). */
    public boolean sameConnection(UpstreamTarget other) {
        return id.equals(other.id) && transport == other.transport && java.util.Objects.equals(url, other.url)
                && java.util.Objects.equals(command, other.command) && env.equals(other.env) && headers.equals(other.headers)
                && java.util.Objects.equals(refusal, other.refusal);
    }

    /** How logs name it: never its argv or headers, which may carry secrets. */
    public String label() {
        return "upstream " + tenant + "/" + name;
    }
}
