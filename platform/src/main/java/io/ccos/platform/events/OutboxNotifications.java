package io.ccos.platform.events;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.pgclient.PgConnectOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Wakes the {@link OutboxRelay} the moment an outbox row is committed, in every replica: a statement
 * trigger on {@code outbox_event} calls {@code pg_notify('ccos_outbox_<schema>')}, which PostgreSQL delivers
 * at commit only (never for a rolled-back change). One listening connection per service instance; it
 * reconnects by itself after a database restart, and the relay's poll covers the gap.
 */
@ApplicationScoped
public class OutboxNotifications {

    private static final Logger LOG = Logger.getLogger(OutboxNotifications.class);
    private static final Duration RECONNECT_DELAY = Duration.ofSeconds(2);

    private final Vertx vertx;
    private final OutboxRelay relay;
    private final PgConnectOptions connection;
    private final String channel;
    private PgSubscriber subscriber;
    private volatile boolean stopped;

    public OutboxNotifications(Vertx vertx, OutboxRelay relay,
            @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") Optional<String> user,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password,
            @ConfigProperty(name = "ccos.db.schema") String schema) {
        this.vertx = vertx;
        this.relay = relay;
        this.connection = PgConnectOptions.fromUri(url.replaceFirst("^vertx-reactive:", ""));
        connection.setMetricsName("outbox-notifications");
        user.ifPresent(connection::setUser);
        password.ifPresent(connection::setPassword);
        this.channel = channelOf(schema);
    }

    /** The notification channel of a schema's outbox; the trigger of R__event_outbox.sql uses the same name. */
    static String channelOf(String schema) {
        return "ccos_outbox_" + schema;
    }

    void start(@Observes StartupEvent startup) {
        subscriber = PgSubscriber.subscriber(vertx, connection)
                .reconnectPolicy(attempts -> RECONNECT_DELAY.toMillis());
        subscriber.channel(channel).handler(payload -> relay.wake());
        connect();
    }

    private void connect() {
        subscriber.connect().subscribe().with(
                connected -> {
                    LOG.debugf("Listening to %s", channel);
                    relay.wake(); // rows committed while nobody listened
                },
                failure -> {
                    if (!stopped) {
                        LOG.debugf("Cannot listen to %s yet (%s); retrying", channel, failure.getMessage());
                        vertx.setTimer(RECONNECT_DELAY.toMillis(), retry -> connect());
                    }
                });
    }

    void stop(@Observes ShutdownEvent shutdown) {
        stopped = true;
        if (subscriber != null) {
            subscriber.closeAndAwait();
        }
    }
}
