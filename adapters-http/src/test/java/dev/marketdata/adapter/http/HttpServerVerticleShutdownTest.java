package dev.marketdata.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.when;

import dev.marketdata.domain.model.PricePoint;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The HTTP drain on stop takes the grace it is given (its share of the shutdown deadline). */
class HttpServerVerticleShutdownTest {
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() throws Exception {
    vertx.close().await(20, TimeUnit.SECONDS);
  }

  @Test
  void givenARequestThatNeverFinishes_stop_endsAfterTheGivenGraceNotAFixedOne() throws Exception {
    ApiHarness harness = new ApiHarness(vertx);
    CompletableFuture<Void> asked = new CompletableFuture<>();
    when(harness.latest.latest(any(), any()))
        .thenAnswer(
            invocation -> {
              asked.complete(null);
              return new CompletableFuture<PricePoint>(); // the provider never answers
            });
    HttpApi api = harness.api();
    HttpServerVerticle verticle = new HttpServerVerticle(api, false, () -> Duration.ofMillis(300));
    String id = vertx.deployVerticle(verticle).await(20, TimeUnit.SECONDS);

    var client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true));
    var request =
        client
            .request(
                new RequestOptions()
                    .setMethod(HttpMethod.GET)
                    .setHost("127.0.0.1")
                    .setPort(verticle.actualPort())
                    .setURI("/prices/latest?symbol=AAPL"))
            .await(20, TimeUnit.SECONDS);
    var answer = request.send();
    asked.get(10, TimeUnit.SECONDS); // the request is in flight

    long start = System.nanoTime();
    vertx.undeploy(id).await(20, TimeUnit.SECONDS);
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    // The old fixed grace was 20 s; this one is 300 ms, after which the connection is closed.
    assertThat(took).isLessThan(Duration.ofSeconds(5));
    assertThat(answer.toCompletionStage().toCompletableFuture()).failsWithin(Duration.ofSeconds(5));
  }
}
