package io.ccos.hook.command;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;

/** How hook-service runs command hooks (ccos.hooks.command.*): processes on its own hosts, shared by every tenant. */
@ConfigMapping(prefix = "ccos.hooks.command")
public interface CommandHookConfig {

    /**
     * Directories a hook's program must lie in (absolute path, no ".."): a tenant's registry cannot run
     * arbitrary programs of the image. A shell ("shell": true) needs /bin/ here.
     */
    @WithDefault("/usr/bin/,/bin/,/usr/local/bin/,/opt/ccos/hooks/")
    List<String> allowedDirectories();

    /** Command hooks running at once; more wait up to their own timeout. */
    @WithDefault("32")
    int maxConcurrent();

    /** Most stdout a hook may print (its JSON answer); beyond it the hook is killed and counts as failed. */
    @WithDefault("1M")
    MemorySize maxStdout();

    /** Most stderr kept (the block reason of exit code 2); the rest is discarded. */
    @WithDefault("64K")
    MemorySize maxStderr();

    /** PATH of the hook's process; nothing else of hook-service's environment is passed on. */
    @WithDefault("/usr/local/bin:/usr/bin:/bin")
    String path();
}
