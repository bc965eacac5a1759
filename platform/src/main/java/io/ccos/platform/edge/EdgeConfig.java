package io.ccos.platform.edge;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Limits every ccos service applies to a request before any endpoint sees it. Each is answered with a
 * problem (414, 431, 401, 400); the HTTP server's own, larger limits (quarkus.http.limits.*) only stop
 * what is far beyond them, with a bare status.
 */
@ConfigMapping(prefix = "ccos.edge")
public interface EdgeConfig {

    /** Longest request target (path and query) in characters. */
    @WithDefault("4096")
    int maxUriLength();

    /** Most bytes of all request headers together (names and values). */
    @WithDefault("16384")
    int maxHeaderBytes();

    /**
     * Largest request body. A declared Content-Length beyond it is answered with a 413 problem before the
     * body is read; a chunked body is refused with a 413 problem at the byte past it.
     */
    @WithDefault("1M")
    MemorySize maxBodySize();

    /**
     * The HTTP server's own body limit (quarkus.http.limits.max-body-size follows this key), a backstop
     * kept above max-body-size: the server refuses with a bare 413 and closes the connection.
     */
    @WithDefault("16M")
    MemorySize serverMaxBodySize();

    /** Whether the service accepts hook keys (ccoshk_...) as bearer credentials: hook-service only. */
    @WithDefault("false")
    boolean acceptHookKeys();

    /** Longest bearer token; Keycloak's access tokens are 1-3 KB. */
    @WithDefault("8192")
    int maxTokenLength();

    /** How JSON bodies are read (io.ccos.platform.edge.StrictJson). */
    Json json();

    interface Json {
        /** Deepest nesting of objects and arrays. */
        @WithDefault("64")
        int maxDepth();

        /** Longest string value or field name, in characters. */
        @WithDefault("1000000")
        int maxStringLength();

        /** Most digits of a number. */
        @WithDefault("1000")
        int maxNumberLength();
    }
}
