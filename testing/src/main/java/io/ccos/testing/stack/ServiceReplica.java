package io.ccos.testing.stack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * An extra instance of a ccos service started from its built jar (argv, no shell), for a benchmark or a
 * test of several replicas: its own port and configuration overrides, the environment ./suite gives the
 * service, logging to .ccos/logs/replica-NAME.log; stopped when closed.
 */
public final class ServiceReplica implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);
    private final String name;
    private final Process process;
    private final int port;

    private ServiceReplica(String name, Process process, int port) {
        this.name = name;
        this.process = process;
        this.port = port;
    }

    /** The replica's process (its children are what it started, e.g. mcp-gateway's stdio servers). */
    public ProcessHandle process() {
        return process.toHandle();
    }

    /** Where the replica answers, e.g. http://127.0.0.1:18083. */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Starts {@code service} on {@code port} with the given system properties and waits until it is ready. */
    public static ServiceReplica start(Path root, String service, String name, int port, Map<String, String> properties)
            throws IOException, InterruptedException {
        Path jar = root.resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build the services first (./suite up builds them)");
        }
        if (listening(port)) {
            // A replica left behind by an interrupted run would answer for this one, with the wrong configuration.
            throw new IllegalStateException("port " + port + " is already in use (a replica of an interrupted run?): stop that process first");
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xms32m", "-Xmx256m", "-XX:+UseSerialGC",
                "-Dvertx.disableURIValidation=true")); // as ./suite runs the services
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", jar.toString()));
        Path log = root.resolve(".ccos/logs/replica-" + name + ".log");
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("CCOS_HTTP_PORT", String.valueOf(port));
        builder.environment().put("CCOS_OIDC_CLIENT_SECRET", service + "-dev-secret"); // as ./suite starts it
        builder.environment().put("CCOS_GATEWAY_SESSION_KEY", "ccos-dev-mcp-session-signing-key-0001");
        builder.environment().put("CCOS_GATEWAY_VARIABLES_KEY", "ccos-dev-upstream-variables-sealing-key-01"); // as ./suite: values sealed by one open on another
        ServiceReplica replica = new ServiceReplica(name, builder.start(), port);
        replica.awaitReady(log);
        return replica;
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private void awaitReady(Path log) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited during start-up; see " + log);
            }
            try {
                HttpResponse<Void> ready = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250); // polling a process we started; there is no event to wait for
        }
        close();
        throw new IllegalStateException(name + " was not ready after " + READY_TIMEOUT + "; see " + log);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
