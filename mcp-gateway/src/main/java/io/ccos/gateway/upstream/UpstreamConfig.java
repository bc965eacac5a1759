package io.ccos.gateway.upstream;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;

/** How this replica connects to and supervises upstream MCP servers: ccos.gateway.upstream.*. */
@ConfigMapping(prefix = "ccos.gateway.upstream")
public interface UpstreamConfig {

    /** How long a call may wait for the upstream's answer before the caller gets a timeout error. */
    @WithDefault("60s")
    Duration callTimeout();

    /** How long starting a server and its initialize handshake may take. */
    @WithDefault("30s")
    Duration connectTimeout();

    /** Calls one upstream serves at once from this replica; a call beyond it gets a busy error at once. */
    @WithDefault("64")
    int maxConcurrentCalls();

    /** The largest message an upstream may send (a line of a stdio server, a response body, an SSE event). */
    @WithDefault("16M")
    io.quarkus.runtime.configuration.MemorySize maxMessageSize();

    /** HTTP connections this replica keeps to each Streamable HTTP upstream. */
    @WithDefault("32")
    int httpPoolSize();

    /** Supervision of stdio servers. */
    Restart restart();

    /** Calls refused at once to an upstream that keeps failing, until it had time to recover. */
    CircuitBreaker circuitBreaker();

    /** Health pings of the upstreams this replica is connected to. */
    Health health();

    interface Health {
        /** How often each connected upstream is pinged. */
        @WithDefault("30s")
        Duration interval();

        /** A ping not answered within it marks the upstream down. */
        @WithDefault("5s")
        Duration timeout();
    }

    /** Stdio servers' processes. */
    Stdio stdio();

    interface Restart {
        /** The wait before the first restart of a server that exited or failed to start; doubled at each failure. */
        @WithDefault("500ms")
        Duration initialBackoff();

        /** The longest wait between two restarts. */
        @WithDefault("30s")
        Duration maxBackoff();
    }

    interface CircuitBreaker {
        /** Of how many recent calls the failures are counted (unreachable, crashed or timed out; an error the upstream answers is not a failure). */
        @WithDefault("20")
        int requestVolume();

        /** The share of those calls that failed for the breaker to open. */
        @WithDefault("0.5")
        double failureRatio();

        /** How long it stays open (calls answered -32000 at once) before one trial call is let through. */
        @WithDefault("10s")
        Duration delay();
    }

    interface Stdio {
        /**
         * Variables of the gateway's own environment a stdio server inherits (it gets no others, so that the
         * gateway's secrets stay out of it); the server's own env comes on top.
         */
        @WithDefault("PATH,HOME,LANG,TZ")
        List<String> inheritedEnv();

        /** How long a server may take to exit after its stdin closes before it is killed, with its children. */
        @WithDefault("2s")
        Duration stopGrace();

        /** The longest stderr line logged; the rest is cut. */
        @WithDefault("2000")
        int maxLogLine();
    }
}
