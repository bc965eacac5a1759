package io.ccos.bench.platform;

import io.ccos.bench.harness.Report;
import io.ccos.testing.stack.Stack;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.nio.file.Path;
import java.time.Duration;

/** `./suite bench platform`: the outbox's publishing rate and a tenant-scoped read endpoint, each beside its baseline. */
public final class PlatformBench {

    private PlatformBench() {
    }

    public static void run(Path root, boolean quick, Report report) throws Exception {
        Vertx vertx = Vertx.vertx();
        Pool pool = PgBuilder.pool()
                .with(new PoolOptions().setMaxSize(ReadEndpointBench.CONNECTIONS))
                .connectingTo(new PgConnectOptions().setHost(Stack.databaseHost()).setPort(Stack.databasePort())
                        .setDatabase(Stack.databaseName()).setUser(Stack.databaseUser()).setPassword(Stack.databasePassword()))
                .using(vertx)
                .build();
        try {
            // The read endpoint first, on a quiet machine: the outbox run leaves PostgreSQL vacuuming behind it.
            try {
                new ReadEndpointBench(vertx, pool, Duration.ofSeconds(quick ? 2 : 15), Duration.ofSeconds(quick ? 4 : 20)).run(report);
            } catch (Exception e) {
                report.error("read endpoint: " + e);
            }
            try {
                new OutboxBench(root, pool, quick ? 20_000 : 200_000).run(report);
            } catch (Exception e) {
                report.error("outbox publishing rate: " + e);
            }
        } finally {
            pool.close();
            vertx.close();
        }
    }
}
