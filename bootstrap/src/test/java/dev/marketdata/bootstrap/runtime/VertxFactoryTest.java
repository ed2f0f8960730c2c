package dev.marketdata.bootstrap.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marketdata.testsupport.Await;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class VertxFactoryTest {
  @Test
  void httpRequests_leaveNoVertxHttpServerSeries_whilePoolAndJvmSeriesStay() throws Exception {
    PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Vertx vertx = VertxFactory.create(meters);
    try {
      HttpServer server =
          Await.result(
              vertx
                  .createHttpServer()
                  .requestHandler(req -> req.response().end("ok"))
                  .listen(0, "127.0.0.1"));
      // The JDK's client: the test is about the server's series, not a client. (A Vert.x client
      // chain built on this thread once waited 90 s in CI: Vert.x 5.0.8 never completes a body()
      // asked for after the response ended, eclipse-vertx/vert.x#6038.)
      Duration deadline = Duration.ofSeconds(15);
      java.net.http.HttpClient client =
          java.net.http.HttpClient.newBuilder()
              .version(java.net.http.HttpClient.Version.HTTP_1_1)
              .connectTimeout(deadline)
              .build();
      URI uri = URI.create("http://127.0.0.1:" + server.actualPort() + "/prices/latest");
      for (int i = 0; i < 3; i++) {
        HttpResponse<String> response;
        try {
          response =
              client.send(
                  HttpRequest.newBuilder(uri).timeout(deadline).build(),
                  HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
          throw new AssertionError("GET " + uri + ": no answer within " + deadline, e);
        }
        assertThat(response.statusCode()).isEqualTo(200);
      }
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
