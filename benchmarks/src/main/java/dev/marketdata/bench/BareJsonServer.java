package dev.marketdata.bench;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The HTTP ceiling: a bare Vert.x core server answering every request with the same JSON bytes the
 * service returned, on as many verticle instances as the service's HTTP API deploys (one per core).
 * Runs as its own process: {@code BareJsonServer <port> <instances> <body-file>}.
 */
public final class BareJsonServer extends VerticleBase {
  private final int port;
  private final Buffer body;

  private BareJsonServer(int port, Buffer body) {
    this.port = port;
    this.body = body;
  }

  @Override
  public Future<?> start() {
    String length = String.valueOf(body.length());
    return vertx
        .createHttpServer()
        .requestHandler(
            req ->
                req.response()
                    .putHeader("Content-Type", "application/json")
                    .putHeader("Content-Length", length)
                    .end(body))
        .listen(port);
  }

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    int instances = Integer.parseInt(args[1]);
    Buffer body = Buffer.buffer(Files.readAllBytes(Path.of(args[2])));
    Vertx vertx = Vertx.vertx();
    Futures.await(
        vertx.deployVerticle(
            () -> new BareJsonServer(port, body), new DeploymentOptions().setInstances(instances)),
        30);
    Thread.currentThread().join(); // until the harness destroys this process
  }
}
