package io.ccos.testing.mcp;

import io.ccos.testing.stack.Stack;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A script of testing/npm run by Node.js that prints {@code "<what> listening on <url>"} once it serves: started,
 * its address read, its other output to .ccos/logs, stopped on close.
 */
public final class ListeningScript implements AutoCloseable {

    private static final String LISTENING = " listening on ";

    private final Process process;
    private final String url;

    private ListeningScript(Process process, String url) {
        this.process = process;
        this.url = url;
    }

    /** Starts {@code testing/npm/<script> <args>} with {@code env} added and waits (30 s at most) until it listens. */
    public static ListeningScript start(String script, List<String> args, Map<String, String> env) throws IOException {
        Path npm = Stack.repositoryRoot().resolve("testing/npm");
        List<String> argv = new ArrayList<>(List.of("node", npm.resolve(script).toString()));
        argv.addAll(args);
        Path log = Stack.repositoryRoot().resolve(".ccos/logs/" + script.replace(".mjs", "") + "-" + System.nanoTime() + ".log");
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(argv).directory(npm.toFile()).redirectError(log.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        CompletableFuture<String> address = CompletableFuture.supplyAsync(() -> {
            try {
                BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    int at = line.indexOf(LISTENING);
                    if (at > 0) {
                        Thread.ofVirtual().start(() -> out.lines().forEach(ignored -> { })); // drained, so it never blocks on stdout
                        return line.substring(at + LISTENING.length()).strip();
                    }
                }
                throw new IllegalStateException(script + " exited before it listened: see " + log);
            } catch (IOException e) {
                throw new IllegalStateException(script + ": " + e.getMessage(), e);
            }
        });
        try {
            return new ListeningScript(process, address.get(30, TimeUnit.SECONDS));
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            process.destroyForcibly();
            throw new IllegalStateException(script + " did not listen within 30 s: see " + log, e);
        }
    }

    /** The address it printed. */
    public String url() {
        return url;
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
