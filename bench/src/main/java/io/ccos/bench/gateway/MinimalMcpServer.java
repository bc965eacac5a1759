package io.ccos.bench.gateway;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * The gateway's ceiling: an MCP server over Streamable HTTP that answers at once (initialize, and every
 * tools/call with the same text), in a JVM of its own ({@code java ... MinimalMcpServer PORT}). It prints
 * "listening" once it accepts connections.
 */
public final class MinimalMcpServer {

    private MinimalMcpServer() {
    }

    public static void main(String[] args) {
        Vertx.vertx().createHttpServer()
                .requestHandler(request -> request.body().onComplete(body -> {
                    JsonObject message = body.succeeded() ? new JsonObject(body.result()) : new JsonObject();
                    Object id = message.getValue("id");
                    if (id == null) {
                        request.response().setStatusCode(202).end();
                        return;
                    }
                    JsonObject result = "initialize".equals(message.getString("method"))
                            ? new JsonObject().put("protocolVersion", "2025-11-25").put("capabilities", new JsonObject().put("tools", new JsonObject()))
                                    .put("serverInfo", new JsonObject().put("name", "minimal").put("version", "1"))
                            : new JsonObject().put("content", new io.vertx.core.json.JsonArray().add(new JsonObject().put("type", "text").put("text", "Echo: bench")));
                    request.response().putHeader("Content-Type", "application/json")
                            .end(new JsonObject().put("jsonrpc", "2.0").put("id", id).put("result", result).encode());
                }))
                .listen(Integer.parseInt(args[0]), "127.0.0.1")
                // The parent benchmark waits for this line on stdout: it is the start handshake, not a log.
                .onSuccess(server -> System.out.println("listening"))
                .onFailure(e -> {
                    System.err.println("cannot listen on port " + args[0] + ": " + e.getMessage());
                    System.exit(1);
                });
    }
}
