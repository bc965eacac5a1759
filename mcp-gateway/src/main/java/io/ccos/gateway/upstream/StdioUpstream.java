package io.ccos.gateway.upstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ccos.gateway.jsonrpc.JsonRpc;
import io.ccos.gateway.jsonrpc.JsonRpcError;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * A stdio MCP server: a process of its argv (never a shell) in a private working directory, with only the
 * inherited variables the operator lists plus its own env. Messages are lines of JSON; stdout is read, stdin
 * written and stderr logged by threads of their own, so that no event-loop thread waits on a pipe.
 */
final class StdioUpstream implements UpstreamConnection {

    private static final Logger LOG = Logger.getLogger(StdioUpstream.class);
    private static final byte[] END = new byte[0];

    private final String label;
    private final Process process;
    private final Path workingDirectory;
    private final PendingCalls pending;
    private final UpstreamMessages messages;
    private final ObjectMapper json;
    private final UpstreamConfig config;
    private final BlockingQueue<byte[]> outbox = new LinkedBlockingQueue<>();
    private final Runnable onLost;
    private volatile boolean open = true;
    private volatile ObjectNode initialized;

    private StdioUpstream(String label, Process process, Path workingDirectory, Vertx vertx, ObjectMapper json, UpstreamConfig config, Runnable onLost,
            Consumer<ObjectNode> notices) {
        this.label = label;
        this.process = process;
        this.workingDirectory = workingDirectory;
        this.pending = new PendingCalls(vertx, label);
        this.messages = new UpstreamMessages(label, pending, this::send, notices);
        this.json = json;
        this.config = config;
        this.onLost = onLost;
    }

    /** Starts the process and completes once its initialize handshake is done. */
    static Future<UpstreamConnection> start(Vertx vertx, String label, List<String> argv, Map<String, String> env, ObjectMapper json,
            UpstreamConfig config, Runnable onLost, Consumer<ObjectNode> notices) {
        return vertx.<StdioUpstream>executeBlocking(() -> {
            Path workingDirectory = Files.createTempDirectory("ccos-mcp-");
            ProcessBuilder builder = new ProcessBuilder(argv).directory(workingDirectory.toFile());
            Map<String, String> environment = builder.environment();
            Map<String, String> inherited = Map.copyOf(environment);
            environment.clear();
            for (String name : config.stdio().inheritedEnv()) {
                if (inherited.containsKey(name)) {
                    environment.put(name, inherited.get(name));
                }
            }
            environment.putAll(env);
            StdioUpstream upstream = new StdioUpstream(label, builder.start(), workingDirectory, vertx, json, config, onLost, notices);
            upstream.pumps();
            return upstream;
        }, false).compose(upstream -> upstream.handshake(config));
    }

    private Future<UpstreamConnection> handshake(UpstreamConfig config) {
        long id = pending.nextId();
        send(JsonRpc.request(id, "initialize", Handshake.initializeParams()));
        return pending.await(id, config.connectTimeout(), ignored -> close()).map(result -> {
            initialized = Handshake.initialized(label, result);
            send(JsonRpc.notification("notifications/initialized", null));
            LOG.infof("%s started (pid %d), speaks %s", label, process.pid(), initialized.path("protocolVersion").asText());
            return (UpstreamConnection) this;
        }).onFailure(failure -> close());
    }

    /**
     * Platform threads, not virtual ones: a read of a process's pipe blocks its carrier thread (pipes are not
     * polled like sockets), and two idle readers would hold every carrier of a 2-core host, so that the
     * writer never runs.
     */
    private void pumps() {
        Thread.ofPlatform().daemon().name("mcp-stdout " + label).start(this::readMessages);
        Thread.ofPlatform().daemon().name("mcp-stdin " + label).start(this::writeMessages);
        Thread.ofPlatform().daemon().name("mcp-stderr " + label).start(this::logErrors);
        process.onExit().thenRun(() -> {
            open = false;
            outbox.offer(END);
            String why = label + " exited with code " + process.exitValue();
            LOG.warnf("%s", why);
            pending.failAll(new JsonRpcError(JsonRpcError.UPSTREAM_UNAVAILABLE, why));
            removeWorkingDirectory();
            onLost.run();
        });
    }

    @Override
    public Future<JsonNode> request(String method, JsonNode params, CallControl control) {
        if (!open) {
            return Future.failedFuture(new JsonRpcError(JsonRpcError.UPSTREAM_UNAVAILABLE, label + " is not running"));
        }
        long id = pending.nextId();
        Future<JsonNode> answer = pending.await(id, config.callTimeout(), this::timedOut, control);
        send(JsonRpc.request(id, method, control.asksProgress() ? ProgressTokens.asking(params, id) : params));
        control.cancellable(() -> {
            if (pending.fail(id, new JsonRpcError(JsonRpcError.CANCELLED, "Cancelled by the client"))) {
                notify("notifications/cancelled", json.createObjectNode().put("requestId", id).put("reason", "cancelled by the client"));
            }
        });
        return answer;
    }

    @Override
    public void notify(String method, JsonNode params) {
        if (open) {
            send(JsonRpc.notification(method, params));
        }
    }

    /** The upstream is told that nobody waits for the answer any more (MCP's notifications/cancelled). */
    private void timedOut(long id) {
        notify("notifications/cancelled", json.createObjectNode().put("requestId", id).put("reason", "timed out at the gateway"));
    }

    private void send(ObjectNode message) {
        try {
            byte[] line = json.writeValueAsBytes(message);
            byte[] framed = new byte[line.length + 1];
            System.arraycopy(line, 0, framed, 0, line.length);
            framed[line.length] = '\n';
            outbox.offer(framed);
        } catch (IOException e) {
            throw new JsonRpcError(JsonRpcError.INTERNAL_ERROR, "the request could not be written: " + e.getMessage());
        }
    }

    private void writeMessages() {
        try (OutputStream stdin = process.getOutputStream()) {
            for (byte[] message = outbox.take(); message != END; message = outbox.take()) {
                stdin.write(message);
                if (outbox.isEmpty()) {
                    stdin.flush();
                }
            }
        } catch (IOException e) {
            LOG.debugf("%s: stdin closed (%s)", label, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void readMessages() {
        long limit = config.maxMessageSize().asLongValue();
        try (InputStream stdout = process.getInputStream()) {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            byte[] chunk = new byte[16 * 1024];
            for (int read = stdout.read(chunk); read >= 0; read = stdout.read(chunk)) {
                int start = 0;
                for (int i = 0; i < read; i++) {
                    if (chunk[i] == '\n') {
                        line.write(chunk, start, i - start);
                        received(line.toByteArray());
                        line.reset();
                        start = i + 1;
                    }
                }
                line.write(chunk, start, read - start);
                if (line.size() > limit) {
                    LOG.errorf("%s wrote a message larger than %d bytes: stopped", label, limit);
                    close();
                    return;
                }
            }
        } catch (IOException e) {
            LOG.debugf("%s: stdout closed (%s)", label, e.getMessage());
        }
    }

    private void received(byte[] line) {
        if (line.length == 0 || (line.length == 1 && line[0] == '\r')) {
            return;
        }
        JsonNode message;
        try {
            message = json.readTree(line);
        } catch (IOException e) {
            // Some servers print banners on stdout; MCP allows only messages there. Logged, not fatal.
            LOG.warnf("%s wrote a line that is not JSON-RPC: %s", label, abbreviated(new String(line, StandardCharsets.UTF_8)));
            return;
        }
        messages.received(message, UpstreamMessages.UNKNOWN_CALL);
    }

    private void logErrors() {
        try (var stderr = new java.io.BufferedReader(new java.io.InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            for (String line = stderr.readLine(); line != null; line = stderr.readLine()) {
                LOG.infof("%s stderr: %s", label, abbreviated(line));
            }
        } catch (IOException e) {
            LOG.debugf("%s: stderr closed (%s)", label, e.getMessage());
        }
    }

    private String abbreviated(String line) {
        int max = config.stdio().maxLogLine();
        return line.length() <= max ? line : line.substring(0, max) + "... (" + line.length() + " chars)";
    }

    /** What the server left in its private directory goes with it. */
    private void removeWorkingDirectory() {
        try (var paths = Files.walk(workingDirectory)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            LOG.debugf("%s: its working directory %s stays (%s)", label, workingDirectory, e.getMessage());
        }
    }

    @Override
    public ObjectNode initialized() {
        return initialized;
    }

    @Override
    public boolean open() {
        return open && process.isAlive();
    }

    /** Closes stdin (MCP's way to stop a stdio server), then kills the process and its children after the grace period. */
    @Override
    public void close() {
        open = false;
        outbox.offer(END);
        Thread.ofPlatform().daemon().name("mcp-stop " + label).start(() -> {
            try {
                if (!process.waitFor(config.stdio().stopGrace().toMillis(), TimeUnit.MILLISECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        });
    }
}
