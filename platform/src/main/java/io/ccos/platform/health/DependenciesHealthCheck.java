package io.ccos.platform.health;

import io.smallrye.health.api.HealthGroup;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * {@code /q/health/group/dependencies}: Kafka and Keycloak as last probed. Not part of readiness, on purpose:
 * while Kafka is down events wait in the outbox, and while Keycloak blips tokens are verified with the
 * cached signing keys, so taking the service out of its load balancer would only turn a degradation into
 * an outage.
 */
@HealthGroup("dependencies")
@ApplicationScoped
public class DependenciesHealthCheck implements HealthCheck {

    private final DependencyProbes probes;

    public DependenciesHealthCheck(DependencyProbes probes) {
        this.probes = probes;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("Kafka and Keycloak");
        boolean allUp = true;
        for (var entry : probes.results().entrySet()) {
            DependencyProbes.Probe probe = entry.getValue();
            allUp &= probe.up();
            response.withData(entry.getKey(), (probe.up() ? "UP: " : "DOWN: ") + probe.detail() + " (" + probe.at() + ")");
        }
        return response.status(allUp).build();
    }
}
