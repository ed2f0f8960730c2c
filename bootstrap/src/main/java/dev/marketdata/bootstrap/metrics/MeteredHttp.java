package dev.marketdata.bootstrap.metrics;

import dev.marketdata.adapter.http.HttpObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The HTTP API on /metrics, in place of Vert.x's own HTTP server metrics (which looked a meter up
 * by its tags on every request): {@code mds_http_server_requests_total{method,route,code}}, {@code
 * mds_http_server_request_seconds{method,route}} (a histogram) and {@code
 * mds_http_server_active_requests}. A route's meters are registered on its first answer (the
 * counter: its first answer with that status), then kept in a field and an array indexed by status:
 * a request records without asking the registry anything.
 */
public final class MeteredHttp implements HttpObserver {
  /** Bucket bounds of the latency histogram: from a cache hit's millisecond up to timeouts. */
  static final Duration[] BUCKETS = {
    Duration.ofMillis(1),
    Duration.ofMillis(2),
    Duration.ofMillis(5),
    Duration.ofMillis(10),
    Duration.ofMillis(25),
    Duration.ofMillis(50),
    Duration.ofMillis(100),
    Duration.ofMillis(250),
    Duration.ofMillis(500),
    Duration.ofSeconds(1),
    Duration.ofMillis(2500),
    Duration.ofSeconds(5),
    Duration.ofSeconds(10)
  };

  private final MeterRegistry registry;
  private final AtomicInteger active = new AtomicInteger();

  public MeteredHttp(MeterRegistry registry) {
    this.registry = registry;
    Gauge.builder("mds.http.server.active.requests", active, AtomicInteger::get)
        .description("HTTP requests received and not yet answered")
        .register(registry);
  }

  @Override
  public Route route(String method, String route) {
    return new RouteMeters(method, route);
  }

  @Override
  public void started() {
    active.incrementAndGet();
  }

  private final class RouteMeters implements Route {
    private final String method;
    private final String route;
    private volatile Timer latency;
    private final AtomicReferenceArray<Counter> byStatus = new AtomicReferenceArray<>(600);

    RouteMeters(String method, String route) {
      this.method = method;
      this.route = route;
    }

    @Override
    public void ended(int status, long nanos) {
      active.decrementAndGet();
      latency().record(nanos, TimeUnit.NANOSECONDS);
      counter(status).increment();
    }

    /**
     * Registered on the route's first answer rather than with the router: with Vert.x publishing
     * percentile histograms (about 80 buckets a timer), every route and method up front would be
     * thousands of series that never move.
     */
    private Timer latency() {
      Timer timer = latency;
      if (timer == null) {
        // Registering twice from two event loops returns the same timer: the race is benign.
        timer =
            Timer.builder("mds.http.server.request")
                .description("HTTP requests from arrival to the end of the response")
                .tag("method", method)
                .tag("route", route)
                .serviceLevelObjectives(BUCKETS)
                .register(registry);
        latency = timer;
      }
      return timer;
    }

    private Counter counter(int status) {
      if (status < 0 || status >= byStatus.length()) {
        return register(status);
      }
      Counter counter = byStatus.get(status);
      if (counter == null) {
        // Registering twice from two event loops returns the same counter: the race is benign.
        counter = register(status);
        byStatus.set(status, counter);
      }
      return counter;
    }

    private Counter register(int status) {
      return Counter.builder("mds.http.server.requests")
          .description("HTTP requests answered, by route template and status")
          .tag("method", method)
          .tag("route", route)
          .tag("code", Integer.toString(status))
          .register(registry);
    }
  }
}
