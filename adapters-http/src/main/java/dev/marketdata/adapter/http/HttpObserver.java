package dev.marketdata.adapter.http;

/**
 * What the service's metrics see of the HTTP API: each request's start, and its end with the route
 * template it matched and its status. Kept free of any metrics library, so this adapter stays so.
 *
 * <p>{@link #route} is called while a router is built, once per route template and method (and once
 * more for a method first seen on a route or outside every route), never for each request: an
 * implementation registers its meters there, and the returned {@link Route} only records.
 */
public interface HttpObserver {
  /** The {@code route} of a request no route matched (the router's own 404 or 405). */
  String UNMATCHED = "unmatched";

  /** Observes nothing. */
  HttpObserver NONE = (method, route) -> Route.NONE;

  /**
   * The recorder for requests with {@code method} (e.g. {@code GET}) that matched {@code route}.
   */
  Route route(String method, String route);

  /** A request arrived; every call is followed by one {@link Route#ended} once it is answered. */
  default void started() {}

  /** Records the requests of one route template and method. */
  interface Route {
    Route NONE = (status, nanos) -> {};

    /** The response ended with {@code status} {@code nanos} after the request arrived. */
    void ended(int status, long nanos);
  }
}
