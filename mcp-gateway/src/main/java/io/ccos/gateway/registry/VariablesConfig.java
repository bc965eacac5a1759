package io.ccos.gateway.registry;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The tenants' variables that registrations refer to as ${NAME}: ccos.gateway.variables.*. */
@ConfigMapping(prefix = "ccos.gateway.variables")
public interface VariablesConfig {

    /**
     * The key values are sealed with in the database (AES-256-GCM under its SHA-256), at least 32 characters,
     * the same on every replica. Changing it makes the stored values unreadable: set them again.
     */
    String sealingKey();

    /** Variables one tenant may hold. */
    @WithDefault("500")
    int maxPerTenant();

    /** The longest value. */
    @WithDefault("8192")
    int maxValueLength();
}
