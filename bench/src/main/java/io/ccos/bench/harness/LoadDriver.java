package io.ccos.bench.harness;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.HdrHistogram.Recorder;

/**
 * Drives an asynchronous operation in one of two ways:
 * <ul>
 *   <li>{@link #fixedRate}: an open loop that starts operations on a schedule (the i-th at start + i/rate)
 *       whatever the system's speed, and records each latency from its intended start, so that a stall
 *       shows in the histogram instead of silently lowering the offered load (no coordinated omission).
 *       Operations wait for the client's own limit (e.g. 16 pooled connections) inside that latency.</li>
 *   <li>{@link #saturate}: a closed loop of {@code concurrency} callers each starting the next operation
 *       when the previous ends: the most the system does at that concurrency.</li>
 * </ul>
 * {@link #warmUp} saturates in windows until the rate settles, because a JVM on two cores keeps compiling
 * for far longer than a fixed few seconds: a run measured before that reports the JIT, not the system.
 */
public final class LoadDriver {

    private static final long HIGHEST_MICROS = TimeUnit.SECONDS.toMicros(60);

    private LoadDriver() {
    }

    public static Measurement fixedRate(Supplier<CompletionStage<?>> operation, double perSecond, Duration duration) {
        Recorder recorder = new Recorder(HIGHEST_MICROS, 3);
        AtomicLong completed = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicReference<String> firstFailure = new AtomicReference<>();
        long total = Math.max(1, (long) (perSecond * duration.toNanos() / 1e9));
        CountDownLatch done = new CountDownLatch((int) Math.min(total, Integer.MAX_VALUE));
        double periodNanos = 1e9 / perSecond;
        long start = System.nanoTime();
        for (long i = 0; i < total; i++) {
            long intended = start + (long) (i * periodNanos);
            long wait;
            while ((wait = intended - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            operation.get().whenComplete((result, failure) -> {
                recorder.recordValue(Math.min(HIGHEST_MICROS, (System.nanoTime() - intended) / 1000));
                count(failure, completed, failed, firstFailure);
                done.countDown();
            });
        }
        await(done, duration);
        return new Measurement(recorder.getIntervalHistogram(), completed.get(), failed.get(), firstFailure.get(),
                Duration.ofNanos(System.nanoTime() - start));
    }

    /** What a warm-up took: its windows' rates, in order, and whether the last two agreed. */
    public record WarmUp(Duration window, List<Double> ratesPerSecond, boolean settled, Duration took) {

        /** For example "settled in 20 s (windows of 5 s: 5211, 13747, 16240, 16100/s)". */
        public String describe() {
            return "%s in %d s (windows of %d s: %s/s)".formatted(settled ? "settled" : "not settled", took.toSeconds(), window.toSeconds(),
                    ratesPerSecond.stream().map(rate -> String.valueOf(Math.round(rate))).collect(Collectors.joining(", ")));
        }
    }

    /**
     * Saturates in windows until two in a row differ by at most {@code tolerance} (0.05: 5%), or until
     * {@code limit} has passed; at least two windows.
     */
    public static WarmUp warmUp(Supplier<CompletionStage<?>> operation, int concurrency, Duration window, Duration limit,
            double tolerance) {
        List<Double> rates = new ArrayList<>();
        long start = System.nanoTime();
        boolean settled = false;
        while (!settled && (rates.size() < 2 || System.nanoTime() - start < limit.toNanos())) {
            rates.add(saturate(operation, concurrency, window).throughputPerSecond());
            int n = rates.size();
            settled = n >= 2 && Math.abs(rates.get(n - 1) - rates.get(n - 2)) <= tolerance * Math.max(rates.get(n - 1), rates.get(n - 2));
        }
        return new WarmUp(window, List.copyOf(rates), settled, Duration.ofNanos(System.nanoTime() - start));
    }

    public static Measurement saturate(Supplier<CompletionStage<?>> operation, int concurrency, Duration duration) {
        Recorder recorder = new Recorder(HIGHEST_MICROS, 3);
        AtomicLong completed = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicReference<String> firstFailure = new AtomicReference<>();
        CountDownLatch callers = new CountDownLatch(concurrency);
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        for (int i = 0; i < concurrency; i++) {
            next(operation, recorder, completed, failed, firstFailure, end, callers);
        }
        await(callers, duration);
        long elapsed = System.nanoTime() - start;
        return new Measurement(recorder.getIntervalHistogram(), completed.get(), failed.get(), firstFailure.get(), Duration.ofNanos(elapsed));
    }

    private static void next(Supplier<CompletionStage<?>> operation, Recorder recorder, AtomicLong completed, AtomicLong failed,
            AtomicReference<String> firstFailure, long end, CountDownLatch callers) {
        long began = System.nanoTime();
        if (began >= end) {
            callers.countDown();
            return;
        }
        operation.get().whenComplete((result, failure) -> {
            recorder.recordValue(Math.min(HIGHEST_MICROS, (System.nanoTime() - began) / 1000));
            count(failure, completed, failed, firstFailure);
            next(operation, recorder, completed, failed, firstFailure, end, callers);
        });
    }

    private static void count(Throwable failure, AtomicLong completed, AtomicLong failed, AtomicReference<String> firstFailure) {
        if (failure == null) {
            completed.incrementAndGet();
        } else {
            failed.incrementAndGet();
            firstFailure.compareAndSet(null, failure.toString());
        }
    }

    private static void await(CountDownLatch latch, Duration duration) {
        try {
            if (!latch.await(duration.toSeconds() + 60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("operations still pending 60 s after the run ended");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
