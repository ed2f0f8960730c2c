package dev.marketdata.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marketdata.testsupport.Await;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The SSE client side against a small Vert.x server speaking the stream's format: a snapshot, then
 * prices stamped 5 ms in the past; the fourth connection is refused with 429.
 */
class SseClientsTest {
  private static final int MAX_CONNECTIONS = 3;
  private final Vertx vertx = Vertx.vertx();
  private final Set<String> subscribed = ConcurrentHashMap.newKeySet();
  private final List<HttpServerResponse> streams = new CopyOnWriteArrayList<>();
  private final AtomicLong ids = new AtomicLong();

  @AfterEach
  void stop() {
    Await.result(vertx.close());
  }

  @Test
  void givenAStreamOfPrices_clients_countEventsAndMeasureFromTheStamp() throws Exception {
    int port = startServer();
    try (SseClients clients = new SseClients(port, "T", 4, 2)) {
      JsonObject opened = clients.open(4);

      assertThat(opened.getInteger("ok")).isEqualTo(MAX_CONNECTIONS);
      assertThat(opened.getJsonObject("failed").getMap()).containsEntry("HTTP 429", 1);
      assertThat(subscribed).containsExactlyInAnyOrder("T00000", "T00001", "T00002", "T00003");

      clients.measure();
      vertx.setPeriodic(5, t -> streams.forEach(this::price));
      Await.until(
          "prices received",
          Duration.ofSeconds(20),
          () -> clients.report().getJsonObject("price_latency").getLong("count") >= 30);
      JsonObject report = clients.report();
      assertThat(report.getJsonObject("price_latency").getDouble("p50_ms"))
          .isGreaterThanOrEqualTo(5.0);
      assertThat(report.getLong("ids_not_ascending")).isZero();
      assertThat(report.getDouble("distinct_prices_per_second")).isPositive();
      JsonObject receipts = clients.samples().getJsonObject("receipt_epoch_micros");
      assertThat(receipts.size()).isPositive();
      receipts.forEach(
          e -> {
            var firstAndLast = (io.vertx.core.json.JsonArray) e.getValue();
            assertThat(firstAndLast.getLong(0)).isLessThanOrEqualTo(firstAndLast.getLong(1));
          });

      assertThat(clients.closeAll().getInteger("open_now")).isZero();
    }
  }

  private int startServer() {
    HttpServer server =
        vertx
            .createHttpServer()
            .requestHandler(
                req -> {
                  if (streams.size() >= MAX_CONNECTIONS) {
                    req.response().setStatusCode(429).end();
                    return;
                  }
                  subscribed.addAll(List.of(req.getParam("symbols").split(",")));
                  HttpServerResponse response =
                      req.response()
                          .setChunked(true)
                          .putHeader("Content-Type", "text/event-stream; charset=utf-8");
                  response.write("retry: 3000\n\n");
                  response.write(
                      "id: "
                          + ids.incrementAndGet()
                          + "\nevent: snapshot\ndata: {\"prices\":[]}\n\n");
                  streams.add(response);
                  response.closeHandler(v -> streams.remove(response));
                });
    return Await.result(server.listen(0)).actualPort();
  }

  private void price(HttpServerResponse response) {
    String stamp = Instant.now().minusMillis(5).toString();
    response.write(
        "id: "
            + ids.incrementAndGet()
            + "\nevent: price\ndata: {\"symbol\":\"T00000\",\"timestamp\":\""
            + stamp
            + "\",\"raw_response_id\":\"r"
            + ids.get()
            + "\"}\n\n: ping\n\n");
  }
}
