package io.ccos.config.settings;

import io.quarkus.runtime.configuration.MemorySize;
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

    /**
     * Largest settings document, as JSON (Claude Code's own settings files are a few KB). Larger ones are
     * refused with a 413 problem; requests as a whole are bounded by ccos.edge.max-body-size.
     */
    @WithDefault("256K")
    MemorySize maxDocumentSize();
}
