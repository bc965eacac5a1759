package io.ccos.gateway.registry;

import io.ccos.platform.naming.ResourceName;
import io.ccos.gateway.access.AccessRule;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;

/** Body of POST /api/v1/upstreams: a URL for remote transports, an argv for stdio, and who may use which tools (absent: everyone). */
public record UpstreamRegistration(
        @NotNull @ResourceName String name,
        @NotNull Transport transport,
        @Size(max = 2048) String url,
        @Size(min = 1, max = 64) List<@NotNull @Size(max = 4096) String> command,
        @Size(max = 256) List<@NotNull @Valid AccessRule> access) {

    @AssertTrue(message = "stdio servers need a command and no url; sse and streamable-http servers an http(s) url and no command")
    public boolean isTargetConsistent() {
        if (transport == null) {
            return true;
        }
        if (transport == Transport.STDIO) {
            return command != null && url == null;
        }
        return command == null && url != null && isHttpUrl(url);
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
