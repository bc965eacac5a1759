package io.ccos.gateway.downstream;

import io.ccos.gateway.jsonrpc.JsonRpcError;
import io.ccos.gateway.registry.UpstreamDirectory;
import io.ccos.gateway.upstream.UpstreamTarget;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** The servers of the caller's tenant that its access rules let it use: to the caller, the others are not there. */
@ApplicationScoped
public class CallerServers {

    private final UpstreamDirectory directory;

    public CallerServers(UpstreamDirectory directory) {
        this.directory = directory;
    }

    /** The server named {@code server}; fails with a JSON-RPC error when the caller has none of that name. */
    UpstreamTarget named(McpRequest request, String server) {
        return directory.find(request.tenant(), server).filter(target -> target.access().allowsServer(request.accessor()))
                .orElseThrow(() -> new JsonRpcError(JsonRpcError.INVALID_PARAMS, "No MCP server named " + server + " in your organization"));
    }

    /** The servers with connections of their own (not the virtual ones, whose tools are theirs already). */
    List<UpstreamTarget> all(McpRequest request) {
        var accessor = request.accessor();
        return directory.of(request.tenant()).values().stream().filter(target -> !target.virtual() && target.access().allowsServer(accessor))
                .toList();
    }
}
