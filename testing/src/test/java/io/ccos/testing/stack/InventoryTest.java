package io.ccos.testing.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ccos.contracts.events.Topics;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * deploy/services.conf is the one list of services (name, port, schema): `./suite`, the tests and deploy/render
 * (docker-compose.yml, deploy/k8s/base) read it, and this test holds every other place that has to know a
 * service to it. A failure names the file to change.
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
            assertContains("deploy/postgres/init.sql", "CREATE SCHEMA IF NOT EXISTS " + service.schema() + " ");
            assertContains("deploy/kafka/topics.conf", Topics.deadLetter(service.name()) + " ");
            assertContains("deploy/keycloak/ccos-realm.json", "\"clientId\": \"" + service.name() + "\"");
        }
    }

    /** docker-compose.yml's services and deploy/k8s/base are rendered from the inventory by deploy/render. */
    @Test
    void composeAndKubernetesAreRenderedFromTheInventory() throws IOException, InterruptedException {
        Process render = new ProcessBuilder("bash", root.resolve("deploy/render").toString(), "--check")
                .redirectErrorStream(true).start();
        assertTrue(render.waitFor(60, TimeUnit.SECONDS), "deploy/render --check did not finish in 60 s");
        String output = new String(render.getInputStream().readNBytes(64 * 1024), StandardCharsets.UTF_8);
        assertEquals(0, render.exitValue(), "deploy/render --check: " + output);
    }

    private void assertContains(String file, String text) throws IOException {
        String content = Files.readString(root.resolve(file));
        assertTrue(content.contains(text), () -> file + " should contain '" + text.strip() + "' (deploy/services.conf lists the service)");
    }
}
