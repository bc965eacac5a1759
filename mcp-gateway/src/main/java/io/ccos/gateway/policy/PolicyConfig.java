package io.ccos.gateway.policy;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Policy on tool calls: ccos.gateway.policy.*. */
@ConfigMapping(prefix = "ccos.gateway.policy")
public interface PolicyConfig {

    /**
     * hook-service, which runs the tenant's command and webhook hooks (rules are decided in the gateway). A
     * call whose hooks include one is decided there, with the gateway's service token.
     */
    @WithDefault("http://127.0.0.1:8083")
    String hookServiceUrl();

    /** How long the gateway waits for hook-service; then the hooks' fail mode decides (closed for PreToolUse by default). */
    @WithDefault("5s")
    Duration hookServiceTimeout();
}
