package io.ccos.testing.stack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.io.IOException;
import java.util.List;

/**
 * Where the running ccos stack is: the one `./suite up` starts on this machine, or another named by the
 * same environment variables the services read (CCOS_KEYCLOAK_URL, CCOS_KAFKA_BOOTSTRAP, CCOS_DB_*).
 */
public final class Stack {

    /** A ccos service as deploy/services.conf lists it. */
    public record Service(String name, int port, String schema) {
    }

    private Stack() {
    }

    public static String keycloakUrl() {
        return env("CCOS_KEYCLOAK_URL", "http://127.0.0.1:8180");
    }

    public static String realmUrl() {
        return keycloakUrl() + "/realms/" + env("CCOS_KEYCLOAK_REALM", "ccos");
    }

    public static String databaseHost() {
        return env("CCOS_DB_HOST", "127.0.0.1");
    }

    public static int databasePort() {
        return Integer.parseInt(env("CCOS_DB_PORT", "5432"));
    }

    public static String databaseName() {
        return env("CCOS_DB_NAME", "ccos");
    }

    public static String databaseUser() {
        return env("CCOS_DB_USER", "ccos");
    }

    public static String databasePassword() {
        return env("CCOS_DB_PASSWORD", "ccos");
    }

    public static String kafkaBootstrap() {
        return env("CCOS_KAFKA_BOOTSTRAP", "127.0.0.1:9092");
    }

    /** Base URL of a service as `./suite up` runs it, e.g. http://127.0.0.1:8081 for config-service. */
    public static String serviceUrl(String service) {
        Service known = services().stream().filter(s -> s.name().equals(service)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown service " + service + "; known: "
                        + services().stream().map(Service::name).toList()));
        return env("CCOS_" + service.toUpperCase().replace('-', '_') + "_URL", "http://127.0.0.1:" + known.port());
    }

    /** The services of deploy/services.conf, in start order. */
    public static List<Service> services() {
        Path inventory = repositoryRoot().resolve("deploy/services.conf");
        try {
            return Files.readAllLines(inventory).stream()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .map(line -> line.split("\\s+"))
                    .map(fields -> new Service(fields[0], Integer.parseInt(fields[1]), fields[2]))
                    .toList();
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("Cannot read the service inventory " + inventory, e);
        }
    }

    /** The repository root (where `suite` is), from -Dccos.root or by walking up from the working directory. */
    public static Path repositoryRoot() {
        String configured = System.getProperty("ccos.root");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isExecutable(dir.resolve("suite")) && Files.isDirectory(dir.resolve("contracts"))) {
                return dir;
            }
        }
        throw new IllegalStateException("Cannot find the ccos repository root; pass -Dccos.root=...");
    }

    /** A loopback port nothing listens on at this moment (for a replica, a peer or a port that must refuse). */
    public static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("no free port", e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
