package io.ccos.gateway.upstream;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.Consumer;

/**
 * What a caller may do with a call in flight beyond waiting for its result: hear the upstream's progress
 * and cancel it. The connection that sends the request says how it is cancelled (it tells the upstream
 * notifications/cancelled and fails the call); a cancel that comes before that is applied when it does.
 */
public final class CallControl {

    private static final CallControl NONE = new CallControl(null);

    private final Consumer<JsonNode> onProgress;
    private Runnable canceller;
    private boolean cancelled;

    /** With {@code onProgress}, the upstream is asked for progress and its notifications go there; null for none. */
    public CallControl(Consumer<JsonNode> onProgress) {
        this.onProgress = onProgress;
    }

    /** A call nobody will cancel or hear progress of. */
    public static CallControl none() {
        return NONE;
    }

    Consumer<JsonNode> onProgress() {
        return onProgress;
    }

    /** Set by the connection once the request is sent (again, after a lost connection: the latest counts). */
    synchronized void cancellable(Runnable cancel) {
        if (this == NONE) {
            return;
        }
        if (cancelled) {
            cancel.run();
        } else {
            canceller = cancel;
        }
    }

    /** The client gave up on the call: the upstream is told, and the call fails. */
    public void cancel() {
        Runnable cancel;
        synchronized (this) {
            if (this == NONE || cancelled) {
                return;
            }
            cancelled = true;
            cancel = canceller;
        }
        if (cancel != null) {
            cancel.run();
        }
    }
}
