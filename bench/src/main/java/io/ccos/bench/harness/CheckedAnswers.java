package io.ccos.bench.harness;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import java.util.concurrent.CompletableFuture;

/** What the load drivers' operations do with an HTTP answer: it counts only if it is a 200 carrying the expected text. */
public final class CheckedAnswers {

    private CheckedAnswers() {
    }

    /** The body of a 200 answer that contains {@code expected}; a failure otherwise. */
    public static Future<Buffer> expecting(Future<HttpClientResponse> response, String expected) {
        return response
                .compose(answer -> answer.statusCode() == 200 ? answer.body() : Future.failedFuture("HTTP " + answer.statusCode()))
                .compose(body -> body.toString().contains(expected) ? Future.succeededFuture(body)
                        : Future.failedFuture("unexpected answer: " + body));
    }

    /** {@code result} completes as {@code future} does (the load driver waits on CompletionStages). */
    public static <T> CompletableFuture<T> completing(Future<T> future, CompletableFuture<T> result) {
        future.onComplete(done -> {
            if (done.succeeded()) {
                result.complete(done.result());
            } else {
                result.completeExceptionally(done.cause());
            }
        });
        return result;
    }
}
