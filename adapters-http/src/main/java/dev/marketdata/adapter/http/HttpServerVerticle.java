package dev.marketdata.adapter.http;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import jakarta.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens on the configured port with the API's router; deploy one instance per event loop (they
 * share the port and the {@link HttpApi}).
 */
public final class HttpServerVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(HttpServerVerticle.class);

  /** How long in-flight requests may take to finish once shutdown begins. */
  public static final long SHUTDOWN_GRACE_SECONDS = 20;

  private final HttpApi api;
  private final boolean opsOnly;
  private HttpServer server;

  @Inject
  public HttpServerVerticle(HttpApi api) {
    this(api, false);
  }

  /** With {@code opsOnly}, serves only health and metrics (see {@link HttpApi#opsRouter}). */
  public HttpServerVerticle(HttpApi api, boolean opsOnly) {
    this.api = api;
    this.opsOnly = opsOnly;
  }

  @Override
  public Future<?> start() {
    HttpConfig config = api.config();
    HttpServerOptions options =
        new HttpServerOptions()
            .setHost(config.host())
            .setPort(config.port())
            .setMaxInitialLineLength(8192)
            .setMaxHeaderSize(16 * 1024)
            .setCompressionSupported(true)
            // Small JSON answers are not worth compressing; /metrics and /openapi.yaml are.
            .setCompressionContentSizeThreshold(1024)
            // The API serves no WebSocket, so the extension handler need not see every message.
            .setPerMessageWebSocketCompressionSupported(false)
            .setPerFrameWebSocketCompressionSupported(false);
    return vertx
        .createHttpServer(options)
        .requestHandler(opsOnly ? api.opsRouter(vertx) : api.router(vertx))
        .invalidRequestHandler(ProblemResponder::invalidRequest)
        .listen()
        .onSuccess(
            s -> {
              server = s;
              LOG.info(
                  "HTTP {} listening on {}:{}",
                  opsOnly ? "health and metrics" : "API",
                  config.host(),
                  s.actualPort());
            });
  }

  /**
   * Stops accepting connections and lets the requests in flight finish (up to {@link
   * #SHUTDOWN_GRACE_SECONDS}) before the connections close.
   */
  @Override
  public Future<?> stop() {
    return server == null
        ? Future.succeededFuture()
        : server.shutdown(SHUTDOWN_GRACE_SECONDS, java.util.concurrent.TimeUnit.SECONDS);
  }

  /** The port actually bound (useful when configured with 0); -1 before start. */
  public int actualPort() {
    return server == null ? -1 : server.actualPort();
  }
}
