package dev.marketdata.adapter.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.CorsHandler;
import java.util.List;
import java.util.Set;

/**
 * CORS for the configured browser origins. A request from another origin gets no CORS headers (the
 * browser then withholds the answer) but is otherwise served as usual, rather than refused 403 as
 * Vert.x's {@link CorsHandler} would: a same-origin POST also carries {@code Origin}, and Swagger
 * UI at {@code /docs} must keep working. A preflight is answered here, before the rate limit, and
 * never reaches the router's 405.
 */
final class Cors implements Handler<RoutingContext> {
  private final Set<String> origins;
  private final boolean any;
  private final CorsHandler delegate;

  Cors(List<String> origins) {
    this.origins = Set.copyOf(origins);
    this.any = origins.contains("*");
    this.delegate =
        CorsHandler.create()
            .addOrigins(origins)
            .allowedMethods(Set.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.DELETE))
            .allowedHeaders(Set.of("Content-Type", ClientGate.API_KEY_HEADER, RequestIds.HEADER))
            .exposedHeaders(
                Set.of(
                    "RateLimit-Limit",
                    "RateLimit-Remaining",
                    "RateLimit-Reset",
                    "Retry-After",
                    RequestIds.HEADER,
                    "Location"))
            .maxAgeSeconds(600);
  }

  @Override
  public void handle(RoutingContext ctx) {
    String origin = ctx.request().getHeader(HttpHeaders.ORIGIN);
    if (origin != null && (any || origins.contains(origin))) {
      delegate.handle(ctx);
      return;
    }
    if (!any) {
      ctx.response().putHeader(HttpHeaders.VARY, "Origin");
    }
    if (origin != null
        && HttpMethod.OPTIONS.equals(ctx.request().method())
        && ctx.request().getHeader(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD) != null) {
      // A preflight from an origin we do not serve: no grant, and nothing for the router to 405.
      ctx.response().setStatusCode(204).end();
      return;
    }
    ctx.next();
  }
}
