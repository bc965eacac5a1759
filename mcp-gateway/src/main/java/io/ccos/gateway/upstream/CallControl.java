package io.ccos.gateway.upstream;

/**
 * What a caller may do with a call in flight beyond waiting for its result: hear what the upstream says or
 * asks on the way (its {@link ClientChannel}) and cancel it. The connection that sends the request says how it
 * is cancelled (it tells the upstream notifications/cancelled and fails the call); a cancel that comes before
 * that is applied when it does.
 */
public final class CallControl {

    private static final CallControl NONE = new CallControl(null, false);

    private final ClientChannel channel;
    private final boolean progress;
    private Runnable canceller;
    private boolean cancelled;

    /**
     * @param channel  where the upstream's notifications and requests about the call go; null when the client
     *                 cannot hear them (it reads no event stream): the upstream's requests are then refused
     * @param progress whether the client asked for progress, so the upstream is asked for it too
     */
    public CallControl(ClientChannel channel, boolean progress) {
        this.channel = channel;
        this.progress = progress && channel != null;
    }

    /** A call nobody will cancel or hear anything of. */
    public static CallControl none() {
        return NONE;
    }

    ClientChannel channel() {
        return channel;
    }

    boolean asksProgress() {
        return progress;
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
