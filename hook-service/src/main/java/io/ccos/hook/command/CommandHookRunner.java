package io.ccos.hook.command;

import io.ccos.policy.decision.Effect;
import io.ccos.policy.decision.HookOutputs;
import io.ccos.policy.decision.HookResult;
import io.ccos.policy.event.HookInput;
import io.ccos.policy.registry.Hook;
import io.ccos.policy.registry.HookHandler;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs a command hook as Claude Code runs one: argv without a shell (unless a tenant admin set shell), the
 * hook input on stdin, a clean environment (PATH, HOME, LANG, CLAUDE_PROJECT_DIR and the hook's env), a
 * private working directory, a timeout after which the process and its children are killed, and caps on
 * what it prints. Each run has threads of its own: nothing waits on an event-loop thread.
 */
@ApplicationScoped
public class CommandHookRunner {

    /** An empty pipe takes this much without blocking even at its smallest capacity (one page, on Linux). */
    private static final int PIPE_NEVER_BLOCKS = 4096;

    private final CommandHookConfig config;
    private final Semaphore slots;
    // Platform threads: a run blocks in native pipe reads and in waitFor, which pin a virtual thread's carrier.
    // At most max-concurrent runs hold four threads each.
    private final ExecutorService threads = Executors.newCachedThreadPool(Thread.ofPlatform().daemon().name("command-hook-", 0).factory());

    public CommandHookRunner(CommandHookConfig config) {
        this.config = config;
        this.slots = new Semaphore(config.maxConcurrent());
    }

    @PreDestroy
    void stop() {
        threads.shutdownNow();
    }

    public CompletionStage<HookResult> run(Hook hook, HookHandler.Command command, HookInput input) {
        return CompletableFuture.supplyAsync(() -> runNow(hook, command, input), threads);
    }

    private HookResult runNow(Hook hook, HookHandler.Command command, HookInput input) {
        long started = System.nanoTime();
        String program = command.argv().getFirst();
        String refusal = refusal(program);
        if (refusal != null) {
            return hook.failed(refusal, System.nanoTime() - started);
        }
        long deadline = started + command.timeout().toNanos();
        try {
            if (!slots.tryAcquire(command.timeout().toNanos(), TimeUnit.NANOSECONDS)) {
                return hook.failed("no free slot to run it within its timeout (" + config.maxConcurrent() + " command hooks running)",
                        System.nanoTime() - started);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return hook.failed("interrupted", System.nanoTime() - started);
        }
        Path directory = null;
        try {
            directory = command.workingDirectory() != null ? Path.of(command.workingDirectory()) : Files.createTempDirectory("ccos-hook-");
            Process process = start(command, input, directory);
            byte[] stdin = input.json().toString().getBytes(StandardCharsets.UTF_8);
            Future<?> feeding;
            if (stdin.length <= PIPE_NEVER_BLOCKS) { // most hook inputs: written here, one thread handoff fewer
                feed(process.getOutputStream(), stdin);
                feeding = CompletableFuture.completedFuture(null);
            } else { // a process that does not read could block a larger write: a thread of its own writes it
                feeding = threads.submit(() -> feed(process.getOutputStream(), stdin));
            }
            // A hook printing past the stdout cap is killed at once; stderr past its cap is only cut.
            Future<Capped> stdout = threads.submit(() -> Capped.read(process.getInputStream(), config.maxStdout().asLongValue(), () -> kill(process)));
            Future<Capped> stderr = threads.submit(() -> Capped.read(process.getErrorStream(), config.maxStderr().asLongValue(), () -> { }));
            boolean exited = process.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (!exited) {
                kill(process);
                return hook.failed("timed out after " + command.timeout().toMillis() / 1000.0 + " s", System.nanoTime() - started);
            }
            Capped out = stdout.get(1, TimeUnit.SECONDS);
            feeding.cancel(true);
            if (out.overflowed()) {
                // Checked before stderr is: killing the process closed its streams under the stderr reader too.
                return hook.failed("printed more than " + config.maxStdout().asLongValue() + " bytes on stdout", System.nanoTime() - started);
            }
            Capped err = stderr.get(1, TimeUnit.SECONDS);
            Effect effect = HookOutputs.ofCommand(input.event(), process.exitValue(), out.text(), err.text());
            return HookResult.of(hook.id(), "command", effect, System.nanoTime() - started);
        } catch (HookOutputs.UnreadableAnswer e) {
            return hook.failed(e.getMessage(), System.nanoTime() - started);
        } catch (IOException e) {
            return hook.failed("cannot run " + program + ": " + e.getMessage(), System.nanoTime() - started);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return hook.failed("interrupted", System.nanoTime() - started);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return hook.failed("its output could not be read: " + e.getMessage(), System.nanoTime() - started);
        } finally {
            slots.release();
            if (command.workingDirectory() == null && directory != null) {
                deleteQuietly(directory);
            }
        }
    }

    /** Why the program may not run here, or null. */
    private String refusal(String program) {
        if (!program.startsWith("/") || program.contains("/../") || program.contains("/./")) {
            return "the program must be an absolute path: " + program;
        }
        for (String directory : config.allowedDirectories()) {
            String prefix = directory.endsWith("/") ? directory : directory + "/";
            if (program.startsWith(prefix) && program.indexOf('/', prefix.length()) < 0) {
                return null;
            }
        }
        return program + " is outside the directories command hooks may run from (ccos.hooks.command.allowed-directories)";
    }

    private Process start(HookHandler.Command command, HookInput input, Path directory) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command.argv()).directory(directory.toFile());
        Map<String, String> env = builder.environment();
        env.clear();
        env.put("PATH", config.path());
        env.put("HOME", directory.toString());
        env.put("LANG", "C.UTF-8");
        if (input.cwd() != null) {
            env.put("CLAUDE_PROJECT_DIR", input.cwd()); // the developer's project, as Claude Code sets it (not a local path here)
        }
        env.putAll(command.env());
        return builder.start();
    }

    private static void feed(OutputStream stdin, byte[] input) {
        try (stdin) {
            stdin.write(input);
        } catch (IOException e) {
            // The hook did not read its input (or exited first): its exit code and output still decide.
        }
    }

    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private static void deleteQuietly(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }

    /** What a stream printed, up to a cap; the rest is drained so that the process never blocks on a full pipe. */
    record Capped(String text, boolean overflowed) {

        static Capped read(InputStream in, long cap, Runnable onOverflow) throws IOException {
            ByteArrayOutputStream kept = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            boolean overflowed = false;
            try (in) {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    long room = cap - kept.size();
                    if (n > room && !overflowed) {
                        overflowed = true;
                        onOverflow.run();
                    }
                    if (room > 0) {
                        kept.write(buffer, 0, (int) Math.min(n, room));
                    }
                }
            } catch (IOException e) {
                if (!overflowed) {
                    throw e;
                } // the process was killed for printing too much: its pipe closed under the read
            }
            return new Capped(kept.toString(StandardCharsets.UTF_8), overflowed);
        }
    }
}
