package io.ccos.platform.health;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.jboss.logging.Logger;

/**
 * Watches the dependencies a service can work without for a while: Kafka (events wait in the outbox) and
 * Keycloak (tokens are verified with cached signing keys). Neither makes the service unready; their state is
 * probed in the background, reported in the {@code dependencies} health group ({@code /q/health/group/dependencies})
 * and as the gauge {@code ccos_dependency_up{dependency=...}}, and changes are logged.
 */
@ApplicationScoped
public class DependencyProbes {

    static final String KAFKA = "kafka";
    static final String KEYCLOAK = "keycloak";
    private static final Logger LOG = Logger.getLogger(DependencyProbes.class);

    private final HealthConfig config;
    private final MeterRegistry metrics;
    private final URI discovery;
    private final String kafkaBootstrap;
    private final Map<String, Probe> probes = new ConcurrentHashMap<>();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("dependency-probes").factory());
    private HttpClient http;
    private Admin kafka;

    public DependencyProbes(HealthConfig config, MeterRegistry metrics,
            @org.eclipse.microprofile.config.inject.ConfigProperty(name = "quarkus.oidc.auth-server-url") String realmUrl,
            @org.eclipse.microprofile.config.inject.ConfigProperty(name = "kafka.bootstrap.servers") String kafkaBootstrap) {
        this.config = config;
        this.metrics = metrics;
        this.discovery = URI.create(realmUrl.replaceAll("/+$", "") + "/.well-known/openid-configuration");
        this.kafkaBootstrap = kafkaBootstrap;
    }

    /** The latest result of a probe. */
    public record Probe(boolean up, String detail, Instant at) {
    }

    void start(@Observes StartupEvent startup) {
        Duration timeout = config.probeTimeout();
        http = HttpClient.newBuilder().connectTimeout(timeout).build();
        Properties admin = new Properties();
        admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrap);
        admin.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        admin.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        admin.put(AdminClientConfig.CLIENT_ID_CONFIG, "dependency-probe");
        kafka = Admin.create(admin);
        for (String dependency : new String[] {KAFKA, KEYCLOAK}) {
            probes.put(dependency, new Probe(false, "not probed yet", Instant.now()));
            Gauge.builder("ccos.dependency.up", () -> probes.get(dependency).up() ? 1 : 0)
                    .description("1 while the dependency answers its probe, 0 otherwise")
                    .tag("dependency", dependency)
                    .register(metrics);
        }
        scheduler.scheduleWithFixedDelay(this::probeAll, 0, config.probeInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent shutdown) {
        scheduler.shutdownNow();
        if (kafka != null) {
            kafka.close(Duration.ofSeconds(1));
        }
    }

    /** Every probe's latest result, by dependency. */
    public Map<String, Probe> results() {
        return new LinkedHashMap<>(probes);
    }

    private void probeAll() {
        record(KAFKA, this::probeKafka);
        record(KEYCLOAK, this::probeKeycloak);
    }

    private void record(String dependency, java.util.concurrent.Callable<String> probe) {
        Probe result;
        String cause = null;
        try {
            result = new Probe(true, probe.call(), Instant.now());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (Exception e) {
            // The health answer is open to anyone: it names the kind of failure, the log says where and why.
            result = new Probe(false, e.getClass().getSimpleName(), Instant.now());
            cause = e.getMessage();
        }
        Probe previous = probes.put(dependency, result);
        if (previous != null && previous.up() != result.up()) {
            if (result.up()) {
                LOG.infof("%s is reachable again (%s)", dependency, result.detail());
            } else {
                LOG.warnf("%s is unreachable: %s: %s; the service stays ready and catches up when it returns", dependency,
                        result.detail(), cause);
            }
        }
    }

    private String probeKafka() throws Exception {
        int nodes = kafka.describeCluster(new DescribeClusterOptions().timeoutMs((int) config.probeTimeout().toMillis()))
                .nodes().get(config.probeTimeout().toMillis(), TimeUnit.MILLISECONDS).size();
        return nodes + " broker(s)";
    }

    private String probeKeycloak() throws Exception {
        int status = http.send(HttpRequest.newBuilder(discovery).timeout(config.probeTimeout()).GET().build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status != 200) {
            throw new IllegalStateException("OIDC discovery answered " + status);
        }
        return "OIDC discovery answered";
    }
}
