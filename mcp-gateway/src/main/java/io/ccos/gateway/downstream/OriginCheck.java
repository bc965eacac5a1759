package io.ccos.gateway.downstream;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The transport's defence against DNS rebinding: a request from a browser page (it has an Origin) is served
 * only when the page is one the operator allows (ccos.gateway.mcp.allowed-origins), or when it is the
 * gateway's own origin under a name the gateway answers to: a loopback name or the host of
 * ccos.gateway.mcp.public-url. A rebinding page reaches the gateway under the attacker's name, as Host and
 * Origin both say, and is refused. Requests without an Origin (CLIs, SDK clients) are not browsers' and pass.
 */
final class OriginCheck {

    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]");

    private final List<String> allowedOrigins;
    private final Optional<String> publicHost;

    OriginCheck(List<String> allowedOrigins, Optional<String> publicUrl) {
        this.allowedOrigins = allowedOrigins;
        this.publicHost = publicUrl.map(url -> URI.create(url).getHost()).map(host -> host.toLowerCase(Locale.ROOT));
    }

    /** Whether a request with this Origin (null: none) and Host header is served. */
    boolean allows(String origin, String host) {
        if (origin == null || allowedOrigins.contains(origin)) {
            return true;
        }
        URI page;
        try {
            page = URI.create(origin);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return page.getRawAuthority() != null && host != null && page.getRawAuthority().equalsIgnoreCase(host) && trusted(hostName(host));
    }

    private boolean trusted(String name) {
        return LOOPBACK.contains(name) || publicHost.filter(name::equals).isPresent();
    }

    /** The name of a Host header: without its port, an IPv6 literal in brackets. */
    private static String hostName(String host) {
        String lower = host.toLowerCase(Locale.ROOT);
        int colon = lower.lastIndexOf(':');
        return colon > lower.lastIndexOf(']') ? lower.substring(0, colon) : lower;
    }
}
