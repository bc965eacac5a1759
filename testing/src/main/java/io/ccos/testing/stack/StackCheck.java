package io.ccos.testing.stack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Tells a test run early, and in words, that the stack it needs is not running. */
public final class StackCheck {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private StackCheck() {
    }

    /** Fails with what is missing and what to run when PostgreSQL, Kafka or Keycloak does not answer. */
    public static void requireRunning() {
        List<String> missing = new ArrayList<>();
        String database = Stack.databaseHost() + ":" + Stack.databasePort();
        if (!listens(database)) {
            missing.add("PostgreSQL at " + database);
        }
        if (!listens(Stack.kafkaBootstrap().split(",")[0])) {
            missing.add("Kafka at " + Stack.kafkaBootstrap());
        }
        if (!answers(Stack.realmUrl() + "/.well-known/openid-configuration")) {
            missing.add("Keycloak realm at " + Stack.realmUrl());
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException(message(missing));
        }
    }

    static String message(List<String> missing) {
        return "The ccos stack these tests run against is not up (" + String.join(", ", missing)
                + " does not answer). Start it with `./suite up`, or run every test with `./suite test`.";
    }

    static boolean listens(String hostAndPort) {
        int colon = hostAndPort.lastIndexOf(':');
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(hostAndPort.substring(0, colon), Integer.parseInt(hostAndPort.substring(colon + 1))),
                    (int) TIMEOUT.toMillis());
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static boolean answers(String url) {
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
            return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
