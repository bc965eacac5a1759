package io.ccos.bench.platform;

import io.ccos.bench.harness.Console;
import io.ccos.bench.harness.LoadDriver;
import io.ccos.bench.harness.Measurement;
import io.ccos.bench.harness.Report;
import io.ccos.testing.auth.Tokens;
import io.ccos.testing.stack.Stack;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * A tenant-scoped read endpoint (GET one settings document of config-service, as a tenant's auditor) at 16
 * connections, beside the same row read straight from PostgreSQL with the reactive client over 16
 * connections. First the most each does (closed loop), then latency at a fixed rate of half the endpoint's
 * maximum, recorded from each request's intended start.
 */
final class ReadEndpointBench {

    static final int CONNECTIONS = 16;
    private static final String DOCUMENT = "/api/v1/settings/managed/bench-read";
    private static final String SAME_QUERY = """
            select id, tenant_id, scope, name, content, version, updated_at, updated_by
            from config.settings_document where tenant_id = $1 and scope = $2 and name = $3""";

    private final Vertx vertx;
    private final Pool pool;
    private final Duration warmUp;
    private final Duration duration;

    ReadEndpointBench(Vertx vertx, Pool pool, Duration warmUp, Duration duration) {
        this.vertx = vertx;
        this.pool = pool;
        this.warmUp = warmUp;
        this.duration = duration;
    }

    void run(Report report) throws Exception {
        seed();
        URI service = URI.create(Stack.serviceUrl("config-service"));
        HttpClient http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setMaxPoolSize(CONNECTIONS)
                .setDefaultHost(service.getHost()).setDefaultPort(service.getPort()));
        String bearer = "Bearer " + Tokens.of("acme", "auditor");
        Supplier<CompletionStage<?>> endpoint = () -> http.request(new RequestOptions().setMethod(HttpMethod.GET).setURI(DOCUMENT)
                        .putHeader("Authorization", bearer))
                .compose(request -> request.send())
                .compose(response -> response.statusCode() == 200 ? response.body()
                        : Future.failedFuture("HTTP " + response.statusCode()))
                .toCompletionStage();
        Supplier<CompletionStage<?>> direct = () -> pool.preparedQuery(SAME_QUERY).execute(Tuple.of("acme", "managed", "bench-read"))
                .compose(rows -> rows.size() == 1 ? Future.succeededFuture(rows) : Future.failedFuture(rows.size() + " rows"))
                .toCompletionStage();

        Console.progress("read endpoint: warming up (%d s each)", warmUp.toSeconds());
        LoadDriver.saturate(endpoint, CONNECTIONS, warmUp);
        LoadDriver.saturate(direct, CONNECTIONS, warmUp);
        Console.progress("read endpoint: most requests/s at %d connections (%d s each)", CONNECTIONS, duration.toSeconds());
        Measurement endpointMax = LoadDriver.saturate(endpoint, CONNECTIONS, duration);
        Measurement directMax = LoadDriver.saturate(direct, CONNECTIONS, duration);
        double rate = Math.max(1, Math.floor(endpointMax.throughputPerSecond() / 2));
        Console.progress("read endpoint: %.0f/s (direct query %.0f/s); latency at a fixed %.0f/s (%d s each)",
                endpointMax.throughputPerSecond(), directMax.throughputPerSecond(), rate, duration.toSeconds());
        Measurement endpointLatency = LoadDriver.fixedRate(endpoint, rate, duration);
        Measurement directLatency = LoadDriver.fixedRate(direct, rate, duration);

        report.latency("GET one settings document, " + CONNECTIONS + " connections, saturated", endpointMax,
                "same row, reactive PostgreSQL client, " + CONNECTIONS + " connections, saturated", directMax);
        report.latency("GET one settings document at a fixed " + (long) rate + "/s", endpointLatency,
                "same row, reactive PostgreSQL client, at the same rate", directLatency);
        report.condition("read endpoint: config-service as started by ./suite up; auditor token of tenant acme; one ~100-byte document;"
                + " warm-up " + warmUp.toSeconds() + " s, each run " + duration.toSeconds() + " s; the driver runs in its own JVM on the same"
                + " machine as the service, PostgreSQL, Kafka and Keycloak");
        http.close();
    }

    private static void seed() throws Exception {
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        HttpResponse<String> put = client.send(HttpRequest.newBuilder(URI.create(Stack.serviceUrl("config-service") + DOCUMENT))
                .header("Authorization", "Bearer " + Tokens.of("acme", "tenant-admin"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"model\":\"opus\",\"permissions\":{\"deny\":[\"Bash(rm -rf /)\"]}}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (put.statusCode() != 200) {
            throw new IllegalStateException("could not store the benchmark's document: HTTP " + put.statusCode() + " " + put.body());
        }
    }
}
