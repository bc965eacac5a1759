package io.ccos.gateway.downstream;

import io.ccos.contracts.events.EventTypes;
import io.ccos.contracts.events.Topics;
import io.ccos.platform.events.DirectEvents;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Tells the other replicas what a client sent here that another replica is waiting for (an answer to a relayed
 * request, a cancel), on ccos.gateway.relay, which every replica follows ({@link RelayFollower}). Only these
 * rare messages cross replicas: a session's requests need nothing of another replica (its id is signed), so
 * the hot path never does.
 */
@ApplicationScoped
public class ReplicaRelay {

    private final DirectEvents events;

    public ReplicaRelay(DirectEvents events) {
        this.events = events;
    }

    /** In the unit of work's tenant, as every message below. */
    void clientAnswered(ClientAnswered answer) {
        events.emit(Topics.GATEWAY_RELAY, EventTypes.CLIENT_ANSWERED, answer.session(), answer);
    }

    void clientCancelled(ClientCancelled cancel) {
        events.emit(Topics.GATEWAY_RELAY, EventTypes.CLIENT_CANCELLED, cancel.session().isEmpty() ? cancel.user() : cancel.session(), cancel);
    }
}
