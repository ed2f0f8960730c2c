package dev.marketdata.adapter.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reports each request to the {@link HttpObserver} under the route template it matched, resolving
 * the template without any look-up by name on the hot path: every route with a path carries its
 * recorders in its metadata (attached once, when the router is built), and a request that ends in a
 * route's own handler finds them on {@link RoutingContext#currentRoute()}. A request that fails is
 * answered by the catch-all failure handler, so each route also gets a failure handler that notes
 * the route on the context before passing the failure on. No route: {@code unmatched}.
 */
final class RequestMetrics implements Handler<RoutingContext> {
  private static final String KEY = "mds.route_metrics";

  private final HttpObserver observer;
  private final Recorders unmatched;

  RequestMetrics(HttpObserver observer) {
    this.observer = observer;
    this.unmatched = new Recorders(observer, HttpObserver.UNMATCHED);
  }

  /**
   * Attaches recorders to every route of {@code router} that has a path; call after the routes are
   * mounted and before the catch-all failure handler.
   */
  void attach(Router router) {
    for (Route route : router.getRoutes()) {
      String path = route.getPath();
      if (path == null || route.getMetadata(KEY) != null) {
        continue;
      }
      Recorders recorders = new Recorders(observer, path);
      if (route.methods() != null) {
        route.methods().forEach(recorders::forMethod);
      }
      route.putMetadata(KEY, recorders);
      route.failureHandler(
          ctx -> {
            ctx.put(KEY, recorders);
            ctx.next();
          });
    }
  }

  @Override
  public void handle(RoutingContext ctx) {
    long started = System.nanoTime();
    observer.started();
    ctx.addEndHandler(done -> ended(ctx, started));
    ctx.next();
  }

  private void ended(RoutingContext ctx, long started) {
    long nanos = System.nanoTime() - started;
    Recorders recorders = null;
    Route current = ctx.currentRoute();
    if (current != null) {
      recorders = current.getMetadata(KEY);
    }
    if (recorders == null) {
      // The failure handler's route (or none) answered: the route that failed, if one matched.
      recorders = ctx.get(KEY);
    }
    if (recorders == null) {
      recorders = unmatched;
    }
    recorders.forMethod(ctx.request().method()).ended(ctx.response().getStatusCode(), nanos);
  }

  /** One route template's recorders by method; a method is registered the first time it is seen. */
  private static final class Recorders {
    private static final HttpMethod OTHER = HttpMethod.valueOf("OTHER");

    private final HttpObserver observer;
    private final String route;
    private final Map<HttpMethod, HttpObserver.Route> byMethod = new ConcurrentHashMap<>();
    // The map's own GET entry (so it is registered once), kept where it is found without hashing.
    private volatile HttpObserver.Route get;

    Recorders(HttpObserver observer, String route) {
      this.observer = observer;
      this.route = route;
    }

    HttpObserver.Route forMethod(HttpMethod method) {
      if (method == HttpMethod.GET) {
        // Most requests: a field read instead of the map's hash look-up.
        HttpObserver.Route get = this.get;
        if (get == null) {
          get = byMethod.computeIfAbsent(method, m -> observer.route(m.name(), route));
          this.get = get;
        }
        return get;
      }
      HttpObserver.Route recorder = byMethod.get(method);
      if (recorder == null) {
        // Standard methods by name, anything else as OTHER: clients cannot add series.
        HttpMethod key = HttpMethod.values().contains(method) ? method : OTHER;
        recorder = byMethod.computeIfAbsent(key, m -> observer.route(m.name(), route));
      }
      return recorder;
    }
  }
}
