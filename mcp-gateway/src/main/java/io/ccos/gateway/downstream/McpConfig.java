package io.ccos.gateway.downstream;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The MCP endpoints clients use: ccos.gateway.mcp.*. */
@ConfigMapping(prefix = "ccos.gateway.mcp")
public interface McpConfig {

    /** Sessions of the session-based revisions (2025-03-26 to 2025-11-25). */
    Sessions sessions();

    /**
     * Origins a browser-based client may call from (the transport's DNS-rebinding defence). A request with an
     * Origin header not listed is refused with 403; requests without one (CLIs, SDK clients) pass.
     */
    Optional<List<String>> allowedOrigins();

    /**
     * The gateway's address as clients reach it (e.g. https://mcp.example.com behind an ingress), used in the
     * OAuth protected resource metadata; by default the scheme and authority of each request.
     */
    Optional<String> publicUrl();

    /** What joins a server's name and a tool's on /mcp (server__tool); Claude Code then calls it mcp__gateway__server__tool. */
    @WithDefault("__")
    String separator();

    /**
     * How long a request the gateway relays to a client on an upstream's behalf (sampling, elicitation, roots)
     * waits for the client's answer; the call it belongs to is bounded by ccos.gateway.upstream.call-timeout too.
     */
    @WithDefault("60s")
    Duration clientRequestTimeout();

    /** The streams of what happens about no call (GET on the MCP endpoints): {@link SessionStreams}. */
    Streams streams();

    interface Streams {
        /** How often an open stream gets a comment line, so that proxies and load balancers keep it open. */
        @WithDefault("25s")
        Duration heartbeat();

        /** How many of its last events a session's stream keeps for a client that reconnects with Last-Event-ID. */
        @WithDefault("64")
        int backlog();

        /** How many sessions this replica keeps streams, backlogs and subscriptions of; the least recently used go first. */
        @WithDefault("100000")
        long maxSessions();

        /** How long a session's stream state is kept after its client was last connected or subscribed. */
        @WithDefault("1h")
        Duration idle();
    }

    interface Sessions {
        /**
         * The key session ids are signed with (HMAC-SHA256), at least 32 characters, the same on every replica:
         * any replica then serves any request of a session, without sticky routing or a shared store.
         */
        String signingKey();

        /** How long a session id is honoured after initialize; later requests get 404 and the client starts a new session. */
        @WithDefault("24h")
        Duration maxAge();
    }
}
