package io.ccos.platform.health;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How the service watches the dependencies that do not decide its readiness (Kafka, Keycloak). */
@ConfigMapping(prefix = "ccos.health")
public interface HealthConfig {

    /** How often Kafka and Keycloak are probed. */
    @WithDefault("10s")
    Duration probeInterval();

    /** How long one probe may take before the dependency counts as down. */
    @WithDefault("2s")
    Duration probeTimeout();
}
