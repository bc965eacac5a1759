package io.ccos.gateway.downstream;

import io.ccos.gateway.upstream.CallControl;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The requests this replica is answering, by who sent them and under which id, so that a client's
 * notifications/cancelled reaches the call. A cancel that lands on another replica than its request finds
 * nothing there and is passed on to every replica ({@link ReplicaRelay}).
 */
@ApplicationScoped
public class CallsInFlight {

    /** A client's request: its tenant, user, session (empty in the stateless revision) and JSON-RPC id as sent. */
    record Key(String tenant, String user, String session, String requestId) {
    }

    private final Map<Key, CallControl> calls = new ConcurrentHashMap<>();

    void started(Key key, CallControl control) {
        calls.put(key, control);
    }

    void ended(Key key, CallControl control) {
        calls.remove(key, control);
    }

    /** Cancels the request of that key, if this replica is answering it; false when it is not. */
    boolean cancel(Key key) {
        CallControl control = calls.remove(key);
        if (control != null) {
            control.cancel();
        }
        return control != null;
    }
}
