package io.ccos.platform.health;

import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while the realm's OIDC discovery document answers: without Keycloak no token can be checked
 * (new signing keys, introspection) and no service token obtained, so traffic should go elsewhere.
 */
@Readiness
@ApplicationScoped
public class KeycloakReadiness implements HealthCheck {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final URI discovery;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    public KeycloakReadiness(@ConfigProperty(name = "quarkus.oidc.auth-server-url") String realmUrl) {
        this.discovery = URI.create(realmUrl.replaceAll("/+$", "") + "/.well-known/openid-configuration");
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("Keycloak realm").withData("discovery", discovery.toString());
        try {
            int status = http.send(HttpRequest.newBuilder(discovery).timeout(TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
            return response.withData("status", status).status(status == 200).build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return response.withData("error", "interrupted").down().build();
        } catch (Exception e) {
            return response.withData("error", e.getClass().getSimpleName()).down().build();
        }
    }
}
