package io.ccos.gateway.registry;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Claude Code's .mcp.json, the body of POST /api/v1/upstreams/import: {@code {"mcpServers": {name: server}}}.
 * Fields Claude Code knows and the gateway does not use (a per-server timeout, say) are ignored.
 */
public record McpJson(@NotNull @Size(max = 100) Map<String, Server> mcpServers) {

    /** One entry: {@code type} stdio (the default when there is a command), http or sse. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Server(String type, String command, List<String> args, Map<String, String> env, String url, Map<String, String> headers) {

        /** The entry as a registration; null when its type is not one the gateway knows. */
        UpstreamRegistration registration(String name) {
            Transport transport = switch (type == null ? (command != null ? "stdio" : "http") : type) {
                case "stdio" -> Transport.STDIO;
                case "http", "streamable-http", "streamableHttp" -> Transport.STREAMABLE_HTTP;
                case "sse" -> Transport.SSE;
                default -> null;
            };
            if (transport == null) {
                return null;
            }
            List<String> argv = null;
            if (command != null) {
                argv = new ArrayList<>();
                argv.add(command);
                if (args != null) {
                    argv.addAll(args);
                }
            }
            return new UpstreamRegistration(name, transport, url, argv, env, headers, null, null);
        }
    }
}
