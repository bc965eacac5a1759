package io.ccos.bench;

import io.ccos.bench.harness.Console;
import io.ccos.bench.harness.Report;
import io.ccos.bench.gateway.GatewayBench;
import io.ccos.bench.hooks.HooksBench;
import io.ccos.bench.platform.PlatformBench;
import io.ccos.testing.stack.Stack;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./suite bench NAME [--quick]}: runs a benchmark against the stack `./suite up` started and writes its
 * report (../shared/BENCH.md). --quick runs it in about 30 seconds, to prove the harness works; it says
 * nothing about speed.
 */
public final class Main {

    private static final List<String> BENCHMARKS = List.of("platform", "hooks", "gateway");

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        List<String> arguments = List.of(args);
        boolean quick = arguments.contains("--quick");
        List<String> names = arguments.stream().filter(a -> !a.startsWith("--")).toList();
        if (names.size() != 1 || !(BENCHMARKS.contains(names.get(0)) || names.get(0).equals("all"))) {
            Console.usage("usage: ./suite bench NAME [--quick]   (NAME: " + String.join(", ", BENCHMARKS) + ", all)");
            System.exit(2);
        }
        Path root = Stack.repositoryRoot();
        int failures = 0;
        for (String name : names.get(0).equals("all") ? BENCHMARKS : names) {
            Console.progress("%s%s", name, quick ? " (quick: proves the harness, not the speed)" : "");
            Report report = new Report(name);
            if (quick) {
                report.condition("--quick run: short and small, it proves the harness works and says nothing about speed");
            }
            switch (name) {
                case "platform" -> PlatformBench.run(root, quick, report);
                case "hooks" -> HooksBench.run(root, quick, report);
                case "gateway" -> GatewayBench.run(root, quick, report);
                default -> throw new IllegalArgumentException(name);
            }
            Path written = report.write(root.resolve("bench/reports"), git(root));
            Console.progress("report: %s", written);
            failures += report.hasUnmeasured() ? 1 : 0;
        }
        System.exit(failures == 0 ? 0 : 1);
    }

    private static String git(Path root) {
        try {
            Process git = new ProcessBuilder("git", "rev-parse", "--short", "HEAD").directory(root.toFile()).redirectErrorStream(true).start();
            if (git.waitFor(10, TimeUnit.SECONDS) && git.exitValue() == 0) {
                return new String(git.getInputStream().readNBytes(64)).strip();
            }
            git.destroyForcibly();
        } catch (Exception e) {
            // not a git checkout
        }
        return "unknown";
    }
}
