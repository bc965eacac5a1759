package io.ccos.platform.outbound;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Optional;

/** Where ccos services may be told to connect (upstream MCP servers, webhooks): ccos.outbound.*. */
@ConfigMapping(prefix = "ccos.outbound")
public interface OutboundConfig {

    /** URL schemes a tenant may register. */
    @WithDefault("https,http")
    List<String> allowedSchemes();

    /**
     * Networks (CIDR, e.g. 10.20.0.0/16), host names and name suffixes (*.svc.cluster.local) a platform
     * operator opens although they are loopback, link-local, private or cloud metadata addresses: an
     * in-cluster MCP server, say. Empty by default, so that no tenant can point a service at the hosts
     * around it.
     */
    Optional<List<String>> allowedPrivateTargets();
}
