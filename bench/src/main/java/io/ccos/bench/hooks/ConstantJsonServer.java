package io.ccos.bench.hooks;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;

/**
 * The baseline of the hook decision: the least an HTTP server can do for a hook request, answering every
 * POST with the same deny JSON, in a JVM of its own as hook-service is ({@code java ... ConstantJsonServer PORT}).
 * It prints "listening" once it accepts connections.
 */
public final class ConstantJsonServer {

    static final String ANSWER = "{\"hookSpecificOutput\":{\"hookEventName\":\"PreToolUse\",\"permissionDecision\":\"deny\","
            + "\"permissionDecisionReason\":\"constant\"}}";

    private ConstantJsonServer() {
    }

    public static void main(String[] args) {
        Buffer answer = Buffer.buffer(ANSWER);
        Vertx.vertx().createHttpServer()
                .requestHandler(request -> request.body().onComplete(body -> request.response()
                        .putHeader("Content-Type", "application/json").end(answer.copy()))) // a Buffer written is consumed
                .listen(Integer.parseInt(args[0]), "127.0.0.1")
                // The parent benchmark waits for this line on stdout: it is the start handshake, not a log.
                .onSuccess(server -> System.out.println("listening"))
                .onFailure(e -> {
                    System.err.println("cannot listen on port " + args[0] + ": " + e.getMessage());
                    System.exit(1);
                });
    }
}
