package io.ccos.gateway.limits;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits of what one tenant may ask of a gateway replica: ccos.gateway.limits.*. */
@ConfigMapping(prefix = "ccos.gateway.limits")
public interface LimitsConfig {

    /** MCP requests (not notifications) one tenant may send to one replica per second (a fixed window of one second); 0 for no limit. */
    @WithDefault("20000")
    int tenantRequestsPerSecond();

    /**
     * MCP requests of one tenant one replica answers at once (a long tool call, one waiting for its client's
     * elicitation answer, counts until it is answered); 0 for no limit.
     */
    @WithDefault("512")
    int tenantConcurrentRequests();
}
