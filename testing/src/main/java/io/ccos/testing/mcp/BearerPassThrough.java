package io.ccos.testing.mcp;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * testing/npm/bearer-pass-through.mjs: a streaming reverse proxy at {@code url()} (http://localhost:PORT) to a
 * target that adds a bearer token, for clients that cannot send headers (the MCP conformance CLI); it may
 * also record what reached the target.
 */
public final class BearerPassThrough {

    private BearerPassThrough() {
    }

    /** Forwards to {@code target} (a URL prefix) with {@code token} as the bearer. */
    public static ListeningScript start(String target, String token) throws IOException {
        return start(target, token, null);
    }

    /** The same, and each request's method, path and headers (but Authorization) appended to {@code record} as a JSON line. */
    public static ListeningScript start(String target, String token, Path record) throws IOException {
        List<String> args = new ArrayList<>(List.of("--listen", "0", "--target", target));
        if (record != null) {
            args.addAll(List.of("--record", record.toString()));
        }
        return ListeningScript.start("bearer-pass-through.mjs", args, Map.of("CCOS_BEARER", token));
    }
}
