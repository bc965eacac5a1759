package io.ccos.gateway.upstream;

import java.time.Instant;

/**
 * How one upstream server looks from this replica (each replica has its own connection to it).
 *
 * @param state          {@code idle} (not used on this replica yet), {@code connecting}, {@code up} or {@code down}
 * @param circuitBreaker {@code closed}, {@code open} (calls refused at once) or {@code half_open} (a trial call decides)
 * @param lastPing       when the last health ping was answered or failed; null before the first
 * @param pingMillis     how long the last answered ping took
 * @param lastError      why it is down, or the last failure seen; null when none
 * @param restarts       connections opened after the first (a stdio server restarted, an HTTP session reopened)
 * @param inFlight       calls this replica waits on now
 */
public record UpstreamStatus(String state, String circuitBreaker, Instant lastPing, Long pingMillis, String lastError, int restarts, int inFlight) {

    public static final String IDLE = "idle";
    public static final String CONNECTING = "connecting";
    public static final String UP = "up";
    public static final String DOWN = "down";

    static UpstreamStatus idle() {
        return new UpstreamStatus(IDLE, "closed", null, null, null, 0, 0);
    }
}
