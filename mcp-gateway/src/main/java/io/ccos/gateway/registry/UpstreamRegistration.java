package io.ccos.gateway.registry;

import io.ccos.gateway.access.AccessRule;
import io.ccos.gateway.upstream.VirtualTool;
import io.ccos.platform.naming.ResourceName;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * Body of POST /api/v1/upstreams: a URL and headers for remote transports, an argv and env for stdio, the
 * other servers' tools for a virtual server, and who may use which tools (absent: everyone). The url, argv, env and header values may name the tenant's
 * variables as ${NAME} or ${NAME:-default}, expanded when the gateway connects.
 */
public record UpstreamRegistration(
        @NotNull @ResourceName String name,
        @NotNull Transport transport,
        @Size(max = 2048) String url,
        @Size(min = 1, max = 64) List<@NotNull @Size(max = 4096) String> command,
        @Size(max = 64) Map<@NotNull @jakarta.validation.constraints.Pattern(regexp = "[A-Za-z_][A-Za-z0-9_]{0,127}",
                message = "env names are letters, digits and '_', not starting with a digit") String, @NotNull @Size(max = 8192) String> env,
        @Size(max = 64) Map<@NotNull @jakarta.validation.constraints.Pattern(regexp = "[!#$%&'*+.^_`|~0-9A-Za-z-]{1,128}",
                message = "header names are HTTP tokens") String, @NotNull @Size(max = 8192) String> headers,
        @Size(max = 256) List<@NotNull @Valid AccessRule> access,
        @Size(min = 1, max = 256) List<@NotNull @Valid VirtualTool> tools) {

    @AssertTrue(message = "env is for stdio servers, headers for sse and streamable-http servers")
    public boolean isEnvOrHeadersForItsTransport() {
        return transport == null || switch (transport) {
            case STDIO -> headers == null;
            case VIRTUAL -> env == null && headers == null;
            default -> env == null;
        };
    }

    @AssertTrue(message = "stdio servers need a command and no url; sse and streamable-http servers an http(s) url and no command;"
            + " virtual servers their tools ([{server, tool}]) and neither; only virtual servers have tools")
    public boolean isTargetConsistent() {
        if (transport == null) {
            return true;
        }
        if (transport == Transport.VIRTUAL) {
            return tools != null && url == null && command == null;
        }
        if (tools != null) {
            return false;
        }
        if (transport == Transport.STDIO) {
            return command != null && url == null;
        }
        // A variable may stand for any part of the url: it must be one whatever the variable holds.
        return command == null && url != null && isHttpUrl(VariableExpansion.withStandIns(url, name -> "variable"));
    }

    private static boolean isHttpUrl(String value) {
        try {
            URI uri = URI.create(value);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
