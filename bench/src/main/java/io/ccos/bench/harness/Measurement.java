package io.ccos.bench.harness;

import java.time.Duration;
import org.HdrHistogram.Histogram;

/**
 * What one run measured: latencies in microseconds (from each request's intended start when the run had a
 * fixed rate), how many operations completed and failed (and why the first failed), and over how long.
 */
public record Measurement(Histogram latencyMicros, long completed, long failed, String firstFailure, Duration elapsed) {

    public double throughputPerSecond() {
        return completed / (elapsed.toNanos() / 1e9);
    }

    public double percentileMillis(double percentile) {
        return latencyMicros.getValueAtPercentile(percentile) / 1000.0;
    }

    public double maxMillis() {
        return latencyMicros.getMaxValue() / 1000.0;
    }
}
