package io.ccos.gateway.downstream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ccos.contracts.events.EventTypes;
import io.ccos.platform.events.IncomingEvents;
import io.ccos.platform.events.ReceivedEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Applies what the replicas pass on ({@link ReplicaRelay}): an answer for a request this replica relayed, a
 * cancel of a call it may be answering, an upstream's notice and a session's subscription for the streams it
 * holds. Each replica reads ccos.gateway.relay in a consumer group of its
 * own, from the latest record (what was said before it started is about calls it does not have).
 */
@ApplicationScoped
public class RelayFollower {

    private final IncomingEvents events;
    private final ClientRequests requests;
    private final CallsInFlight calls;
    private final SessionStreams streams;
    private final McpSessions sessions;
    private final ObjectMapper json;

    public RelayFollower(IncomingEvents events, ClientRequests requests, CallsInFlight calls, SessionStreams streams, McpSessions sessions,
            ObjectMapper json) {
        this.streams = streams;
        this.sessions = sessions;
        this.events = events;
        this.requests = requests;
        this.calls = calls;
        this.json = json;
    }

    @Incoming("relay")
    public Uni<Void> onRelayed(Message<String> message) {
        return events.follow(message, JsonNode.class, "relay", event -> {
            try {
                apply(event);
            } catch (JsonProcessingException e) {
                return Uni.createFrom().failure(new IllegalArgumentException("Event " + event.id() + " is not a valid " + event.type()));
            }
            return Uni.createFrom().voidItem();
        });
    }

    private void apply(ReceivedEvent<JsonNode> event) throws JsonProcessingException {
        switch (event.type()) {
            case EventTypes.CLIENT_ANSWERED -> {
                ClientAnswered answer = json.treeToValue(event.data(), ClientAnswered.class);
                if (requests.mine(answer.replica())) {
                    requests.deliver(new ClientRequests.Client(event.tenantId(), answer.user(), answer.session()), answer.requestId(),
                            answer.response());
                }
            }
            case EventTypes.CLIENT_CANCELLED -> {
                ClientCancelled cancel = json.treeToValue(event.data(), ClientCancelled.class);
                calls.cancel(new CallsInFlight.Key(event.tenantId(), cancel.user(), cancel.session(), cancel.requestId()));
            }
            case EventTypes.UPSTREAM_NOTIFIED -> {
                UpstreamNotified notice = json.treeToValue(event.data(), UpstreamNotified.class);
                streams.upstreamNotified(event.tenantId(), notice.server(), notice.method(), notice.params());
            }
            case EventTypes.RESOURCE_SUBSCRIPTION -> {
                ResourceSubscription subscription = json.treeToValue(event.data(), ResourceSubscription.class);
                // The session id is signed: a subscription only counts for a session it really names, of the event's tenant.
                sessions.read(subscription.session()).filter(session -> session.tenant().equals(event.tenantId()))
                        .ifPresent(session -> streams.subscription(subscription.session(), session, subscription.server(), subscription.uri(),
                                subscription.subscribed()));
            }
            default -> throw new IllegalArgumentException("Event " + event.id() + " has a type no replica relays: " + event.type());
        }
    }
}
