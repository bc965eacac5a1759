package io.ccos.gateway.downstream;

import java.util.Optional;

/**
 * How /mcp names what it gathers from many servers so that each name leads back to its server: tools and
 * prompts as {@code <server><separator><name>} ({@code github__create_issue}), resources and resource
 * templates as {@code ccos://<server>/<the server's own URI>} ({@code ccos://files/file:///docs/a.md}).
 */
final class AggregateNames {

    static final String RESOURCE_SCHEME = "ccos://";

    /** A server's own name for something, and the server. */
    record Qualified(String server, String name) {
    }

    private final String separator;

    AggregateNames(String separator) {
        this.separator = separator;
    }

    String separator() {
        return separator;
    }

    String name(String server, String name) {
        return server + separator + name;
    }

    /** The server and its own name in {@code server__name}; empty when it is not of that form. */
    Optional<Qualified> ofName(String qualified) {
        int split = qualified == null ? -1 : qualified.indexOf(separator);
        return split <= 0 || split + separator.length() >= qualified.length() ? Optional.empty()
                : Optional.of(new Qualified(qualified.substring(0, split), qualified.substring(split + separator.length())));
    }

    String uri(String server, String uri) {
        return RESOURCE_SCHEME + server + "/" + uri;
    }

    /** The server and its own URI in {@code ccos://server/uri}; empty when it is not of that form. */
    Optional<Qualified> ofUri(String uri) {
        if (uri == null || !uri.startsWith(RESOURCE_SCHEME)) {
            return Optional.empty();
        }
        int slash = uri.indexOf('/', RESOURCE_SCHEME.length());
        return slash <= RESOURCE_SCHEME.length() || slash + 1 >= uri.length() ? Optional.empty()
                : Optional.of(new Qualified(uri.substring(RESOURCE_SCHEME.length(), slash), uri.substring(slash + 1)));
    }
}
