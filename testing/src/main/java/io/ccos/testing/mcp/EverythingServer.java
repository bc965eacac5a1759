package io.ccos.testing.mcp;

import io.ccos.testing.stack.Stack;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import java.util.List;

/**
 * The MCP reference server @modelcontextprotocol/server-everything (pinned in testing/npm): its stdio argv
 * for a gateway registration, or a process of it serving Streamable HTTP at {@code /mcp}, or the legacy
 * HTTP+SSE transport at {@code /sse}, on a free port.
 */
public final class EverythingServer implements AutoCloseable {

    private final Process process;
    private final int port;
    private final String path;

    private EverythingServer(Process process, int port, String path) {
        this.process = process;
        this.port = port;
        this.path = path;
    }

    /** The argv that starts it on stdio; {@code marker} rides along as an ignored argument, to find the process. */
    public static List<String> stdioCommand(String marker) {
        return List.of("node", script().toString(), "stdio", "--ccos-test=" + marker);
    }

    /** Starts it serving Streamable HTTP and waits until it listens. */
    public static EverythingServer startHttp() throws IOException {
        return startHttp(Stack.freePort());
    }

    /** Starts it serving Streamable HTTP on {@code port} (one a test held free until now) and waits until it listens. */
    public static EverythingServer startHttp(int port) throws IOException {
        return start("streamableHttp", port, "/mcp");
    }

    /** Starts it serving the legacy HTTP+SSE transport (revision 2024-11-05) on a free port; {@code url()} is its event stream. */
    public static EverythingServer startSse() throws IOException {
        return start("sse", Stack.freePort(), "/sse");
    }

    private static EverythingServer start(String mode, int port, String path) throws IOException {
        Path log = Stack.repositoryRoot().resolve(".ccos/logs/everything-" + port + ".log");
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder("node", script().toString(), mode)
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("PORT", String.valueOf(port));
        EverythingServer server = new EverythingServer(builder.start(), port, path);
        try {
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .until(() -> listening(port) || !server.process.isAlive());
        } catch (ConditionTimeoutException e) {
            server.close();
            throw new IllegalStateException("server-everything did not listen on " + port + " within 30 s: see " + log, e);
        }
        if (!server.process.isAlive()) {
            throw new IllegalStateException("server-everything exited: see " + log);
        }
        return server;
    }

    public String url() {
        return "http://127.0.0.1:" + port + path;
    }

    private static Path script() {
        return Stack.repositoryRoot().resolve("testing/npm/node_modules/@modelcontextprotocol/server-everything/dist/index.js");
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
