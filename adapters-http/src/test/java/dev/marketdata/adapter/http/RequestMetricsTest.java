package dev.marketdata.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.when;

import dev.marketdata.domain.model.PricePoint;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.Symbol;
import dev.marketdata.testsupport.Await;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class RequestMetricsTest {
  /** Every recorder asked for, and every request each one recorded. */
  static final class Recording implements HttpObserver {
    final List<String> registered = new CopyOnWriteArrayList<>();
    final Map<String, List<Integer>> ended = new ConcurrentHashMap<>();
    final AtomicInteger started = new AtomicInteger();

    @Override
    public Route route(String method, String route) {
      String key = method + " " + route;
      registered.add(key);
      List<Integer> statuses = ended.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>());
      return (status, nanos) -> {
        assertThat(nanos).isPositive();
        statuses.add(status);
      };
    }

    @Override
    public void started() {
      started.incrementAndGet();
    }

    List<Integer> statuses(String key) {
      return ended.getOrDefault(key, List.of());
    }

    int recorded() {
      return ended.values().stream().mapToInt(List::size).sum();
    }
  }

  final Recording recording = new Recording();
  ApiHarness api;

  @BeforeEach
  void start(Vertx vertx) {
    api = new ApiHarness(vertx);
    api.observer = recording;
    api.start();
    when(api.latest.latest(any(), any()))
        .thenReturn(
            CompletableFuture.completedFuture(
                new PricePoint(
                    Symbol.of("AAPL"),
                    ProviderId.FINNHUB,
                    new BigDecimal("150.25"),
                    Instant.parse("2024-03-20T10:30:00Z"),
                    Instant.parse("2024-03-20T10:30:01Z"),
                    UUID.randomUUID())));
  }

  @Test
  void givenAnswersFailuresAndUnknownPaths_eachIsRecordedUnderItsRouteTemplate() {
    assertThat(api.get("/prices/latest?symbol=AAPL&provider=finnhub").statusCode()).isEqualTo(200);
    assertThat(api.get("/prices/latest?sybmol=AAPL").statusCode()).isEqualTo(400);
    assertThat(api.get("/prices/poll/" + UUID.randomUUID() + "x").statusCode()).isEqualTo(400);
    assertThat(api.get("/no/such/path").statusCode()).isEqualTo(404);

    Await.until("four requests recorded", () -> recording.recorded() == 4);
    assertThat(recording.statuses("GET /prices/latest")).containsExactlyInAnyOrder(200, 400);
    assertThat(recording.statuses("GET /prices/poll/:job_id")).containsExactly(400);
    assertThat(recording.statuses("GET " + HttpObserver.UNMATCHED)).containsExactly(404);
    assertThat(recording.ended.keySet()).noneMatch(k -> k.contains("/no/such"));
    assertThat(recording.started).hasValue(4);
  }

  @Test
  void givenManyRequestsToOneRoute_recordersAreAskedForOnlyWhenTheRouterIsBuilt() {
    int before = recording.registered.size();
    assertThat(recording.registered).contains("GET /prices/latest");

    for (int i = 0; i < 20; i++) {
      api.get("/prices/latest?symbol=AAPL&provider=finnhub");
      api.get("/prices/latest?symbol=");
    }

    Await.until("forty requests recorded", () -> recording.recorded() == 40);
    assertThat(recording.registered).hasSize(before);
  }
}
