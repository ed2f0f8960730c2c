package dev.marketdata.adapter.http;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens on the configured port with the API's router; deploy one instance per event loop (they
 * share the port and the {@link HttpApi}).
 */
public final class HttpServerVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(HttpServerVerticle.class);

  /** How long in-flight requests may take to finish when no shutdown deadline says otherwise. */
  public static final Duration DEFAULT_DRAIN_GRACE = Duration.ofSeconds(20);

  private final HttpApi api;
  private final boolean opsOnly;
  private final Supplier<Duration> drainGrace;
  private HttpServer server;

  @Inject
  public HttpServerVerticle(HttpApi api) {
    this(api, false, () -> DEFAULT_DRAIN_GRACE);
  }

  /**
   * With {@code opsOnly}, serves only health and metrics (see {@link HttpApi#opsRouter}); {@code
   * drainGrace} is asked at stop how long requests in flight may still take, so that the drain
   * takes its share of the process's shutdown deadline rather than a fixed time.
   */
  public HttpServerVerticle(HttpApi api, boolean opsOnly, Supplier<Duration> drainGrace) {
    this.api = api;
    this.opsOnly = opsOnly;
    this.drainGrace = drainGrace;
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
            // /stream's messages are small JSON: not worth a deflate context per socket.
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
   * Ends the live streams at once, stops accepting connections and lets the requests in flight
   * finish (up to the drain grace) before the connections close.
   */
  @Override
  public Future<?> stop() {
    if (server == null) {
      return Future.succeededFuture();
    }
    // Live streams never finish on their own: end them now, clients resume on another replica.
    api.closeStreams();
    long graceMillis = Math.max(0, drainGrace.get().toMillis());
    return server.shutdown(graceMillis, TimeUnit.MILLISECONDS);
  }

  /** The port actually bound (useful when configured with 0); -1 before start. */
  public int actualPort() {
    return server == null ? -1 : server.actualPort();
  }
}
