package io.ccos.bench.harness;

/**
 * The one place the benchmark command writes to the terminal: its progress lines and the report table are
 * the command's output for the person who ran {@code ./suite bench}, not a service's log (services log
 * through JBoss Logging, JSON in production). Progress goes to stdout with a {@code [bench]} prefix.
 */
public final class Console {

    private Console() {
    }

    public static void progress(String format, Object... arguments) {
        System.out.println("[bench] " + String.format(format, arguments));
    }

    /** The report as the person reads it (the files under bench/reports/ hold the same). */
    public static void report(String markdown) {
        System.out.println();
        System.out.println(markdown);
    }

    public static void usage(String text) {
        System.err.println(text);
    }
}
