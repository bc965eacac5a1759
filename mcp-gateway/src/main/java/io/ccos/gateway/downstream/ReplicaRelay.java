package io.ccos.gateway.downstream;

import io.ccos.contracts.events.EventTypes;
import io.ccos.contracts.events.Topics;
import io.ccos.gateway.upstream.UpstreamNotice;
import io.ccos.platform.events.DirectEvents;
import io.ccos.platform.tenancy.CallerTenant;
import io.ccos.platform.tenancy.UnitOfWork;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Tells the other replicas what happened here that concerns a session another replica may be serving: a
 * client's answer to a relayed request or its cancel, a session's resource subscription, an upstream's notice
 * about no call. All on ccos.gateway.relay, which every replica follows ({@link RelayFollower}). Only these
 * rare messages cross replicas: a session's requests need nothing of another replica (its id is signed), so
 * the hot path never does.
 */
@ApplicationScoped
public class ReplicaRelay {

    private final DirectEvents events;
    private final Vertx vertx;
    private final CallerTenant tenant;

    public ReplicaRelay(DirectEvents events, Vertx vertx, CallerTenant tenant) {
        this.events = events;
        this.vertx = vertx;
        this.tenant = tenant;
    }

    /** In the unit of work's tenant, as the two below. */
    void clientAnswered(ClientAnswered answer) {
        events.emit(Topics.GATEWAY_RELAY, EventTypes.CLIENT_ANSWERED, answer.session(), answer);
    }

    void clientCancelled(ClientCancelled cancel) {
        events.emit(Topics.GATEWAY_RELAY, EventTypes.CLIENT_CANCELLED, cancel.session().isEmpty() ? cancel.user() : cancel.session(), cancel);
    }

    void resourceSubscription(ResourceSubscription subscription) {
        events.emit(Topics.GATEWAY_RELAY, EventTypes.RESOURCE_SUBSCRIPTION, subscription.session(), subscription);
    }

    /** Heard by a connection of this replica (on its reader's thread): sent as a unit of work of the server's tenant. */
    void upstreamNoticed(@Observes UpstreamNotice notice) {
        UnitOfWork.run(vertx, () -> {
            tenant.actAs(notice.tenant());
            // Keyed by the tenant alone: its notices keep their order on one partition.
            events.emit(Topics.GATEWAY_RELAY, EventTypes.UPSTREAM_NOTIFIED, "notices",
                    new UpstreamNotified(notice.server(), notice.method(), notice.params()));
            return Uni.createFrom().voidItem();
        }).subscribe().with(ignored -> {
        });
    }
}
