package dev.marketdata.bootstrap.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marketdata.adapter.http.HttpObserver;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

class MeteredHttpTest {
  final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  final MeteredHttp metered = new MeteredHttp(registry);

  private void request(HttpObserver.Route route, int status) {
    metered.started();
    route.ended(status, 2_000_000);
  }

  @Test
  void givenAnswers_scrape_showsThemByMethodRouteAndCode() {
    HttpObserver.Route latest = metered.route("GET", "/prices/latest");
    HttpObserver.Route unmatched = metered.route("GET", HttpObserver.UNMATCHED);

    request(latest, 200);
    request(latest, 200);
    request(latest, 400);
    request(unmatched, 404);

    String scrape = registry.scrape();
    assertThat(scrape)
        .contains(
            "mds_http_server_requests_total{code=\"200\",method=\"GET\",route=\"/prices/latest\"} 2.0")
        .contains(
            "mds_http_server_requests_total{code=\"400\",method=\"GET\",route=\"/prices/latest\"} 1.0")
        .contains(
            "mds_http_server_requests_total{code=\"404\",method=\"GET\",route=\"unmatched\"} 1.0")
        .contains(
            "mds_http_server_request_seconds_bucket{method=\"GET\",route=\"/prices/latest\",le=\"0.005\"} 3")
        .contains(
            "mds_http_server_request_seconds_count{method=\"GET\",route=\"/prices/latest\"} 3")
        .contains("mds_http_server_active_requests 0.0")
        .doesNotContain("vertx_http_server");
  }

  @Test
  void givenRepeatedAnswersOfOneRouteAndCode_noMeterIsRegisteredAfterTheFirst() {
    HttpObserver.Route latest = metered.route("GET", "/prices/latest");
    request(latest, 200);
    int meters = registry.getMeters().size();

    for (int i = 0; i < 1000; i++) {
      request(latest, 200);
    }

    assertThat(registry.getMeters()).hasSize(meters);
    assertThat(
            registry
                .get("mds.http.server.requests")
                .tag("route", "/prices/latest")
                .tag("code", "200")
                .counter()
                .count())
        .isEqualTo(1001.0);
  }

  @Test
  void whileARequestRuns_activeRequests_countsIt() {
    HttpObserver.Route latest = metered.route("GET", "/prices/latest");
    metered.started();
    assertThat(registry.get("mds.http.server.active.requests").gauge().value()).isEqualTo(1.0);
    latest.ended(200, 1_000);
    assertThat(registry.get("mds.http.server.active.requests").gauge().value()).isZero();
  }
}
