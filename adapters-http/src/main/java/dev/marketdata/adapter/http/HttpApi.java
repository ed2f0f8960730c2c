package dev.marketdata.adapter.http;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Set;

/**
 * The HTTP API as a router: request metrics, request ids, CORS, rate limiting, API key, body limit,
 * every route, and the one problem responder for all failures. One instance is shared by every HTTP
 * verticle, so the rate limit is per process rather than per event loop.
 */
@Singleton
public final class HttpApi {
  /** The methods whose request bodies are read (and limited to the configured size). */
  private static final Set<HttpMethod> BODY_METHODS =
      Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH);

  private final HttpConfig config;
  private final PriceRoutes prices;
  private final BarRoutes bars;
  private final IndicatorRoutes indicators;
  private final PollRoutes polls;
  private final BackfillRoutes backfills;
  private final OpsRoutes ops;
  private final DocsRoutes docs;
  private final PageRoutes page;
  private final ClientRateLimiter limiter;
  private final StreamRoutes streams;
  private final MarketRoutes market;
  private final HttpObserver observer;

  @Inject
  public HttpApi(
      HttpConfig config,
      PriceRoutes prices,
      BarRoutes bars,
      IndicatorRoutes indicators,
      PollRoutes polls,
      OpsRoutes ops,
      BackfillRoutes backfills,
      StreamRoutes streams,
      MarketRoutes market,
      HttpObserver observer) {
    this.config = config;
    this.prices = prices;
    this.bars = bars;
    this.indicators = indicators;
    this.polls = polls;
    this.backfills = backfills;
    this.ops = ops;
    this.docs = new DocsRoutes();
    this.page = new PageRoutes();
    this.limiter = new ClientRateLimiter(config.rateLimit(), System::nanoTime);
    this.streams = streams;
    this.market = market;
    this.observer = observer;
  }

  /** Ends every live stream at once: a stopping replica must not hold them for the drain. */
  public void closeStreams() {
    streams.closeAll();
  }

  public HttpConfig config() {
    return config;
  }

  /** A router for one verticle's Vert.x instance; call once per verticle. */
  public Router router(Vertx vertx) {
    Router router = Router.router(vertx);
    ProblemResponder problems = new ProblemResponder(config.bodyLimitBytes(), router);
    RequestMetrics metrics = new RequestMetrics(observer);
    router.route().handler(metrics);
    router.route().handler(new RequestIds(config.trustedProxies()));
    if (!config.corsOrigins().isEmpty()) {
      // Before the gate: a preflight is answered without being charged or refused.
      router.route().handler(new Cors(config.corsOrigins()));
    }
    router.route().handler(new ClientGate(config, limiter));
    // Before the body handler, which must not read (or buffer) a WebSocket upgrade.
    streams.mount(router);
    // Only for the methods whose routes read a body: a GET (the hot path) skips the handler's
    // header look-ups, and a body sent with another method is never read, so never buffered. A
    // method check inside one route rather than a route limited to those methods, which would turn
    // the router's 404 for an unknown path into a 405.
    BodyHandler body =
        BodyHandler.create(false)
            .setBodyLimit(config.bodyLimitBytes())
            .setDeleteUploadedFilesOnEnd(true);
    router
        .route()
        .handler(
            ctx -> {
              if (BODY_METHODS.contains(ctx.request().method())) {
                body.handle(ctx);
              } else {
                ctx.next();
              }
            });
    prices.mount(router);
    bars.mount(router);
    indicators.mount(router);
    polls.mount(router);
    backfills.mount(router);
    market.mount(router);
    ops.mount(router);
    docs.mount(router);
    page.mount(router);
    metrics.attach(router);
    router.route().failureHandler(problems::handle);
    for (int status = 400; status < 600; status++) {
      router.errorHandler(status, problems::handle);
    }
    return router;
  }

  /**
   * Only {@code /health/*} and {@code /metrics}, for a process that runs no API role (a consumer or
   * relay replica) but must still be probed and scraped.
   */
  public Router opsRouter(Vertx vertx) {
    Router router = Router.router(vertx);
    ProblemResponder problems = new ProblemResponder(config.bodyLimitBytes(), router);
    RequestMetrics metrics = new RequestMetrics(observer);
    router.route().handler(metrics);
    router.route().handler(new RequestIds(config.trustedProxies()));
    ops.mount(router);
    metrics.attach(router);
    router.route().failureHandler(problems::handle);
    for (int status = 400; status < 600; status++) {
      router.errorHandler(status, problems::handle);
    }
    return router;
  }
}
