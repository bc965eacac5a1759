package io.ccos.config.settings;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How settings documents are written. */
@ConfigMapping(prefix = "ccos.settings")
public interface SettingsConfig {

    /**
     * Whether an update of an existing document must name the version it replaces (If-Match with the ETag
     * of the read), answering 428 without one. Off by default: a write with If-Match is always checked.
     */
    @WithDefault("false")
    boolean requireIfMatch();
}
