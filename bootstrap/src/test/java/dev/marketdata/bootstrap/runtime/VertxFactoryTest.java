package dev.marketdata.bootstrap.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marketdata.testsupport.Await;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import org.junit.jupiter.api.Test;

class VertxFactoryTest {
  @Test
  void httpRequests_leaveNoVertxHttpServerSeries_whilePoolAndJvmSeriesStay() {
    PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Vertx vertx = VertxFactory.create(meters);
    try {
      HttpServer server =
          Await.result(
              vertx
                  .createHttpServer()
                  .requestHandler(req -> req.response().end("ok"))
                  .listen(0, "127.0.0.1"));
      // One client, held until the end: a client nothing references may be collected and its
      // pool closed while a request is in flight ("Pool closed").
      HttpClient client = vertx.createHttpClient();
      for (int i = 0; i < 3; i++) {
        HttpClientResponse response =
            Await.result(
                client
                    .request(HttpMethod.GET, server.actualPort(), "127.0.0.1", "/prices/latest")
                    .compose(req -> req.send())
                    .compose(r -> r.body().map(body -> r)));
        assertThat(response.statusCode()).isEqualTo(200);
      }
      Await.result(client.close());
      // A worker task, so the worker pool's series exist as they would in the service.
      Await.result(vertx.executeBlocking(() -> 1));

      String scrape = meters.scrape();
      assertThat(scrape).doesNotContain("vertx_http_server_");
      assertThat(scrape).contains("vertx_pool_").contains("jvm_");
    } finally {
      Await.result(vertx.close());
    }
  }
}
