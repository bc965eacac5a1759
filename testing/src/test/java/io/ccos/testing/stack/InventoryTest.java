package io.ccos.testing.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ccos.contracts.events.Topics;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * deploy/services.conf is the one list of services (name, port, schema): `./suite` and the tests read it, and
 * this test holds every other place that has to know a service to it. A failure names the file to change.
 */
class InventoryTest {

    private final Path root = Stack.repositoryRoot();
    private final List<Stack.Service> services = Stack.services();

    @Test
    void eachServiceModuleSaysWhatTheInventorySays() throws IOException {
        for (Stack.Service service : services) {
            Properties properties = new Properties();
            try (InputStream in = Files.newInputStream(root.resolve(service.name()).resolve("src/main/resources/application.properties"))) {
                properties.load(in);
            }
            assertEquals(service.name(), properties.getProperty("quarkus.application.name"), service.name() + "/application.properties");
            assertEquals("${CCOS_HTTP_PORT:" + service.port() + "}", properties.getProperty("quarkus.http.port"), service.name() + "/application.properties");
            assertEquals(service.schema(), properties.getProperty("ccos.db.schema"), service.name() + "/application.properties");
            assertContains(service.name() + "/src/main/docker/Dockerfile.jvm", "EXPOSE " + service.port());
            assertContains(service.name() + "/src/main/docker/Dockerfile.native", "EXPOSE " + service.port());
        }
    }

    @Test
    void everyDeploymentKnowsEveryService() throws IOException {
        assertEquals(services.stream().map(Stack.Service::name).toList(), Topics.SERVICES, "contracts Topics.SERVICES (dead-letter topics)");
        for (Stack.Service service : services) {
            assertContains("docker-compose.yml", "\n  " + service.name() + ":\n");
            assertContains("docker-compose.yml", "\"" + service.port() + ":" + service.port() + "\"");
            assertContains("deploy/k8s/base/kustomization.yaml", "- " + service.name() + ".yaml");
            assertContains("deploy/k8s/base/" + service.name() + ".yaml", "containerPort: " + service.port());
            assertContains("deploy/postgres/init.sql", "CREATE SCHEMA IF NOT EXISTS " + service.schema() + " ");
            assertContains("deploy/kafka/topics.conf", Topics.deadLetter(service.name()) + " ");
            assertContains("deploy/keycloak/ccos-realm.json", "\"clientId\": \"" + service.name() + "\"");
        }
    }

    private void assertContains(String file, String text) throws IOException {
        String content = Files.readString(root.resolve(file));
        assertTrue(content.contains(text), () -> file + " should contain '" + text.strip() + "' (deploy/services.conf lists the service)");
    }
}
