package io.ccos.bench.harness;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The report of one benchmark run in the shape of ../shared/BENCH.md: every figure with its baseline from
 * the same run, the targets restated with what was measured, and whatever could not be measured.
 * Written as NAME-YYYYMMDD-HHMMSS.md and .json under bench/reports/, and as NAME-latest.json.
 */
public final class Report {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final String bench;
    private final Instant started = Instant.now();
    private final List<Result> results = new ArrayList<>();
    private final List<Target> targets = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();
    private final List<String> conditions = new ArrayList<>();
    private boolean unmeasured;

    public Report(String bench) {
        this.bench = bench;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Baseline(String name, Double p50, Double p99, @JsonProperty("throughput_per_s") Double throughputPerSecond) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Result(String name, String metric, String unit, Double p50, Double p90, Double p99, Double max,
            @JsonProperty("throughput_per_s") Double throughputPerSecond, Long samples, Baseline baseline,
            @JsonProperty("ratio_to_baseline") Double ratioToBaseline) {
    }

    public record Target(String metric, String op, double target, Double measured) {
    }

    /** A latency result (ms) from a measurement, beside its baseline's. */
    public void latency(String name, Measurement measured, String baselineName, Measurement baseline) {
        results.add(new Result(name, "latency_ms", "ms", round(measured.percentileMillis(50)), round(measured.percentileMillis(90)),
                round(measured.percentileMillis(99)), round(measured.maxMillis()), round(measured.throughputPerSecond()),
                measured.completed(), new Baseline(baselineName, round(baseline.percentileMillis(50)), round(baseline.percentileMillis(99)),
                        round(baseline.throughputPerSecond())),
                round(measured.percentileMillis(99) / baseline.percentileMillis(99))));
        failures(name, measured);
        failures(baselineName, baseline);
    }

    /** A rate result (per second) beside its baseline's rate; the ratio is measured / baseline. */
    public void rate(String name, String metric, double perSecond, long samples, String baselineName, double baselinePerSecond) {
        results.add(new Result(name, metric, "1/s", null, null, null, null, round(perSecond), samples,
                new Baseline(baselineName, null, null, round(baselinePerSecond)), round(perSecond / baselinePerSecond)));
    }

    /** A single measured value (CPU per call, memory per session...) with its unit. */
    public void value(String name, String metric, String unit, double value, long samples) {
        results.add(new Result(name, metric, unit, round(value), null, null, null, null, samples, null, null));
    }

    public void target(String metric, String op, double target, Double measured) {
        targets.add(new Target(metric, op, target, measured == null ? null : round(measured)));
    }

    /** Something the benchmark could not measure at all; the run then exits non-zero. */
    public void error(String what) {
        unmeasured = true;
        errors.add(what);
        Console.progress("could not measure: %s", what);
    }

    /** Whether a part of the benchmark could not be measured (failed operations within a run do not count). */
    public boolean hasUnmeasured() {
        return unmeasured;
    }

    /** A line of the conditions the markdown report states (rates, sizes, warm-up, JVM flags...). */
    public void condition(String line) {
        conditions.add(line);
    }

    private void failures(String name, Measurement measurement) {
        if (measurement.failed() > 0) {
            errors.add(name + ": " + measurement.failed() + " of " + (measurement.failed() + measurement.completed())
                    + " operations failed, the first with " + measurement.firstFailure());
        }
    }

    /** Writes the report files and prints the table; returns the JSON report's path. */
    public Path write(Path reports, String git) throws IOException {
        Files.createDirectories(reports);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("bench", bench);
        json.put("started", started.toString());
        json.put("git", git);
        json.put("machine", machine());
        json.put("results", results);
        json.put("targets", targets);
        if (!errors.isEmpty()) {
            json.put("errors", errors);
        }
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(started);
        Path jsonFile = reports.resolve(bench + "-" + stamp + ".json");
        JSON.writeValue(jsonFile.toFile(), json);
        Files.copy(jsonFile, reports.resolve(bench + "-latest.json"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        String markdown = markdown(git);
        Files.writeString(reports.resolve(bench + "-" + stamp + ".md"), markdown);
        Console.report(markdown);
        return jsonFile;
    }

    private String markdown(String git) {
        StringBuilder md = new StringBuilder("# Benchmark `" + bench + "`, " + started + " (git " + git + ")\n\n");
        md.append("| result | p50 ms | p99 ms | max ms | per s | samples | baseline | baseline p50 / p99 ms | baseline per s | ratio |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|\n");
        for (Result r : results) {
            // A single value (CPU per call, memory per session) stands in the p50 column, its unit beside its name.
            String name = "ms".equals(r.unit()) || "1/s".equals(r.unit()) ? r.name() : r.name() + " [" + r.unit() + "]";
            Baseline baseline = r.baseline() != null ? r.baseline() : new Baseline("-", null, null, null);
            md.append("| ").append(name).append(" | ").append(cell(r.p50())).append(" | ").append(cell(r.p99())).append(" | ")
                    .append(cell(r.max())).append(" | ").append(cell(r.throughputPerSecond())).append(" | ").append(r.samples())
                    .append(" | ").append(baseline.name()).append(" | ").append(cell(baseline.p50())).append(" / ")
                    .append(cell(baseline.p99())).append(" | ").append(cell(baseline.throughputPerSecond())).append(" | ")
                    .append(cell(r.ratioToBaseline())).append(" |\n");
        }
        md.append("\n| target | op | target | measured |\n|---|---|---|---|\n");
        for (Target t : targets) {
            md.append("| ").append(t.metric()).append(" | ").append(t.op()).append(" | ").append(t.target()).append(" | ")
                    .append(cell(t.measured())).append(" |\n");
        }
        if (!errors.isEmpty()) {
            md.append("\n## Not measured / errors\n");
            errors.forEach(e -> md.append("- ").append(e).append('\n'));
        }
        md.append("\n## Conditions\n");
        Map<String, Object> machine = machine();
        md.append("- machine: ").append(machine).append('\n');
        md.append("- JVM flags of the driver: ").append(ManagementFactory.getRuntimeMXBean().getInputArguments()).append('\n');
        conditions.forEach(c -> md.append("- ").append(c).append('\n'));
        return md.toString();
    }

    private static String cell(Double value) {
        return value == null ? "-" : String.valueOf(value);
    }

    static Map<String, Object> machine() {
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("memory_gib", memoryGib());
        machine.put("java", System.getProperty("java.version"));
        machine.put("os", System.getProperty("os.name"));
        return machine;
    }

    private static Long memoryGib() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    return Math.round(Long.parseLong(line.replaceAll("\\D", "")) / 1024.0 / 1024.0);
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux: leave it out
        }
        return null;
    }

    private static Double round(double value) {
        return Double.isFinite(value) ? Math.round(value * 1000) / 1000.0 : null;
    }
}
