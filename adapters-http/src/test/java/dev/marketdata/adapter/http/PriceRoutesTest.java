package dev.marketdata.adapter.http;

import static dev.marketdata.adapter.http.ApiHarness.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.marketdata.application.quality.Staleness;
import dev.marketdata.domain.model.HistoryCursor;
import dev.marketdata.domain.model.HistoryPage;
import dev.marketdata.domain.model.HistoryQuery;
import dev.marketdata.domain.model.MovingAverage;
import dev.marketdata.domain.model.PricePoint;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.Symbol;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.ArgumentCaptor;

@ExtendWith(VertxExtension.class)
class PriceRoutesTest {
  static final UUID RAW = UUID.fromString("0190a6b4-7f3c-7a41-9d2e-5b1c3e4f6a7b");
  static final UUID RAW2 = UUID.fromString("0190a6b4-7f3c-7a41-9d2e-5b1c3e4f6a7c");

  ApiHarness api;

  @BeforeEach
  void start(Vertx vertx) {
    api = new ApiHarness(vertx).start();
  }

  static PricePoint point(String price, String at, UUID raw) {
    return new PricePoint(
        Symbol.of("AAPL"),
        ProviderId.FINNHUB,
        new BigDecimal(price),
        Instant.parse(at),
        Instant.parse(at).plusSeconds(1),
        raw);
  }

  @Test
  void givenAQuote_latest_answersTheSpecBody() {
    when(api.latest.latest(Symbol.of("AAPL"), Optional.of(ProviderId.FINNHUB)))
        .thenReturn(
            CompletableFuture.completedFuture(point("150.25", "2024-03-20T10:30:00Z", RAW)));

    HttpResponse<Buffer> r = api.get("/prices/latest?symbol=AAPL&provider=finnhub");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.getHeader("Content-Type")).isEqualTo("application/json");
    assertThat(r.bodyAsString())
        .isEqualTo(
            "{\"symbol\":\"AAPL\",\"price\":150.25,\"timestamp\":\"2024-03-20T10:30:00Z\","
                + "\"provider\":\"finnhub\",\"stale\":false,\"suspect\":false}");
  }

  @Test
  void givenAParameterTwice_latest_refusesItNamingTheParameter() {
    for (String query :
        List.of(
            "symbol=AAPL&symbol=MSFT",
            "symbol=AAPL&provider=finnhub&symbol=AAPL",
            "provider=finnhub&symbol=AAPL&provider=yahoo")) {
      HttpResponse<Buffer> r = api.get("/prices/latest?" + query);

      assertThat(r.statusCode()).as(query).isEqualTo(400);
      assertThat(json(r).get("detail").asText()).as(query).contains("given 2 times");
    }
    verify(api.latest, never()).latest(any(), any());
  }

  @Test
  void givenTheSameChainAgain_latest_answersAsTheFirstTimeAndABadChainIsRefusedEachTime() {
    when(api.latest.latest(Symbol.of("AAPL"), Optional.of(ProviderId.FINNHUB)))
        .thenReturn(
            CompletableFuture.completedFuture(point("150.25", "2024-03-20T10:30:00Z", RAW)));

    for (int i = 0; i < 3; i++) {
      assertThat(api.get("/prices/latest?symbol=AAPL&provider=finnhub").statusCode())
          .isEqualTo(200);
      HttpResponse<Buffer> bad = api.get("/prices/latest?symbol=AAPL&provider=finnhub,finnhub");
      assertThat(bad.statusCode()).isEqualTo(400);
      assertThat(json(bad).get("field").asText()).isEqualTo("provider");
    }
  }

  // Monday 2026-11-30, 10:00 in New York (regular session open) and Saturday 2026-11-28, 10:00.
  private static final Instant OPEN = Instant.parse("2026-11-30T15:00:00Z");
  private static final Instant WEEKEND = Instant.parse("2026-11-28T15:00:00Z");

  private static Staleness at(Instant now) {
    return Staleness.of(java.time.Clock.fixed(now, java.time.ZoneOffset.UTC));
  }

  @Test
  void givenAQuote16MinutesOldInTheRegularSession_priceJson_saysStale() {
    PricePoint old = point("150.25", OPEN.minusSeconds(16 * 60).toString(), RAW);

    assertThat(new String(Json.write(PriceRoutes.PriceJson.of(old, at(OPEN)))))
        .contains("\"stale\":true,\"suspect\":false");
    assertThat(new String(Json.write(PriceRoutes.PriceJson.of(old, at(OPEN.minusSeconds(120))))))
        .contains("\"stale\":false");
    assertThat(
            new String(
                Json.write(
                    PriceRoutes.PriceJson.of(
                        point("150.25", WEEKEND.minusSeconds(86_400).toString(), RAW),
                        at(WEEKEND)))))
        .contains("\"stale\":false");
  }

  @Test
  void givenASuspectPoint_latestAndHistory_sayItAndStreamsToo() {
    PricePoint suspect = point("150.25", "2024-03-20T10:30:00Z", RAW).withSuspect(true);
    when(api.latest.latest(Symbol.of("AAPL"), Optional.of(ProviderId.FINNHUB)))
        .thenReturn(CompletableFuture.completedFuture(suspect));

    HttpResponse<Buffer> r = api.get("/prices/latest?symbol=AAPL&provider=finnhub");

    assertThat(json(r).get("suspect").asBoolean()).isTrue();
    assertThat(json(r).get("stale").asBoolean()).isFalse();
    assertThat(new String(Json.write(PriceRoutes.HistoryPointJson.of(suspect, at(WEEKEND)))))
        .endsWith("\"stale\":false,\"suspect\":true}");
    assertThat(new String(Json.write(LiveJson.PriceJson.of(suspect.toEvent(), at(WEEKEND)))))
        .endsWith("\"stale\":false,\"suspect\":true}");
  }

  @Test
  void givenAnswersInEveryStageShape_latest_repliesToEach() {
    // Completed, completed as a minimal stage (whose isDone() throws), completed later, failed.
    PricePoint p = point("150.25", "2024-03-20T10:30:00Z", RAW);
    CompletableFuture<PricePoint> later = new CompletableFuture<>();
    when(api.latest.latest(any(), any()))
        .thenReturn(CompletableFuture.completedFuture(p))
        .thenReturn(CompletableFuture.completedFuture(p).minimalCompletionStage())
        .thenReturn(later)
        .thenReturn(
            CompletableFuture.failedFuture(
                new dev.marketdata.domain.failure.SymbolNotFound("ZZZZ", "finnhub")));

    assertThat(api.get("/prices/latest?symbol=AAPL").statusCode()).isEqualTo(200);
    assertThat(api.get("/prices/latest?symbol=AAPL").statusCode()).isEqualTo(200);
    // Completed from another thread while the request waits.
    CompletableFuture.delayedExecutor(50, java.util.concurrent.TimeUnit.MILLISECONDS)
        .execute(() -> later.complete(p));
    assertThat(api.get("/prices/latest?symbol=AAPL").statusCode()).isEqualTo(200);
    HttpResponse<Buffer> missing = api.get("/prices/latest?symbol=ZZZZ");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.getHeader("Content-Type")).isEqualTo("application/problem+json");
  }

  @Test
  void givenAPriceDoublesCannotHold_latest_writesItExactly() {
    when(api.latest.latest(any(), any()))
        .thenReturn(
            CompletableFuture.completedFuture(
                point("123456789.123456789", "2024-03-20T10:30:00.250Z", RAW)));

    HttpResponse<Buffer> r = api.get("/prices/latest?symbol=aapl");

    assertThat(r.bodyAsString())
        .contains("\"price\":123456789.123456789")
        .contains("\"timestamp\":\"2024-03-20T10:30:00.250Z\"");
    verify(api.latest).latest(Symbol.of("AAPL"), Optional.empty());
  }

  @Test
  void givenNoSymbol_latest_is400NamingSymbol() {
    HttpResponse<Buffer> r = api.get("/prices/latest");

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.getHeader("Content-Type")).isEqualTo("application/problem+json");
    assertThat(json(r).get("field").asText()).isEqualTo("symbol");
    verify(api.latest, never()).latest(any(), any());
  }

  @Test
  void givenARepeatedParameter_latest_is400NamingIt() {
    HttpResponse<Buffer> r = api.get("/prices/latest?symbol=AAPL&symbol=MSFT");

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(json(r).get("field").asText()).isEqualTo("symbol");
    assertThat(json(r).get("detail").asText()).contains("2 times");
  }

  @Test
  void givenAnUnknownParameter_latest_is400NamingIt() {
    HttpResponse<Buffer> r = api.get("/prices/latest?sybmol=AAPL");

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(json(r).get("field").asText()).isEqualTo("sybmol");
  }

  @Test
  void givenABadProvider_latest_is400NamingProvider() {
    HttpResponse<Buffer> r = api.get("/prices/latest?symbol=AAPL&provider=Robert%27)%3BDROP");

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(json(r).get("field").asText()).isEqualTo("provider");
  }

  @Test
  void givenStoredPrices_history_answersNewestFirstWithACursor() {
    HistoryCursor next = new HistoryCursor(Instant.parse("2024-03-20T10:29:00Z"), RAW2);
    when(api.history.history(any()))
        .thenReturn(
            CompletableFuture.completedFuture(
                new HistoryPage(
                    List.of(
                        point("150.25", "2024-03-20T10:30:00Z", RAW),
                        point("150.10", "2024-03-20T10:29:00Z", RAW2)),
                    Optional.of(next))));

    HttpResponse<Buffer> r =
        api.get(
            "/prices/history?symbol=AAPL&provider=finnhub&from=2024-03-20T00:00:00Z"
                + "&to=2024-03-21T00:00:00Z&limit=2");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.bodyAsString())
        .isEqualTo(
            "{\"symbol\":\"AAPL\",\"provider\":\"finnhub\",\"prices\":["
                + "{\"price\":150.25,\"timestamp\":\"2024-03-20T10:30:00Z\",\"raw_response_id\":\""
                + RAW
                + "\",\"stale\":false,\"suspect\":false},{\"price\":150.10,"
                + "\"timestamp\":\"2024-03-20T10:29:00Z\",\"raw_response_id\":\""
                + RAW2
                + "\",\"stale\":false,\"suspect\":false}],\"next_cursor\":\""
                + next.encode()
                + "\"}");
    ArgumentCaptor<HistoryQuery> query = ArgumentCaptor.forClass(HistoryQuery.class);
    verify(api.history).history(query.capture());
    assertThat(query.getValue())
        .isEqualTo(
            new HistoryQuery(
                Symbol.of("AAPL"),
                ProviderId.FINNHUB,
                Instant.parse("2024-03-20T00:00:00Z"),
                Instant.parse("2024-03-21T00:00:00Z"),
                2,
                Optional.empty()));
  }

  @Test
  void givenOnlyASymbol_history_usesTheDocumentedDefaults() {
    when(api.history.history(any()))
        .thenReturn(
            CompletableFuture.completedFuture(new HistoryPage(List.of(), Optional.empty())));

    HttpResponse<Buffer> r = api.get("/prices/history?symbol=AAPL");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.bodyAsString())
        .isEqualTo(
            "{\"symbol\":\"AAPL\",\"provider\":\"finnhub\",\"prices\":[],\"next_cursor\":null}");
    ArgumentCaptor<HistoryQuery> query = ArgumentCaptor.forClass(HistoryQuery.class);
    verify(api.history).history(query.capture());
    assertThat(query.getValue().from()).isEqualTo(Instant.EPOCH);
    assertThat(query.getValue().to()).isEqualTo(ApiHarness.NOW);
    assertThat(query.getValue().limit()).isEqualTo(100);
    assertThat(query.getValue().provider()).isEqualTo(ProviderId.FINNHUB);
  }

  @Test
  void givenACursorItIssued_history_passesItOn() {
    HistoryCursor cursor = new HistoryCursor(Instant.parse("2024-03-20T10:29:00Z"), RAW2);
    when(api.history.history(any()))
        .thenReturn(
            CompletableFuture.completedFuture(new HistoryPage(List.of(), Optional.empty())));

    api.get("/prices/history?symbol=AAPL&cursor=" + cursor.encode());

    ArgumentCaptor<HistoryQuery> query = ArgumentCaptor.forClass(HistoryQuery.class);
    verify(api.history).history(query.capture());
    assertThat(query.getValue().after()).contains(cursor);
  }

  @Test
  void givenABadCursor_history_is400NamingCursor() {
    HttpResponse<Buffer> r = api.get("/prices/history?symbol=AAPL&cursor=not-a-cursor");

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(json(r).get("field").asText()).isEqualTo("cursor");
  }

  @Test
  void givenBadRanges_history_is400NamingTheField() {
    assertThat(json(api.get("/prices/history?symbol=AAPL&limit=0")).get("field").asText())
        .isEqualTo("limit");
    assertThat(json(api.get("/prices/history?symbol=AAPL&limit=1001")).get("field").asText())
        .isEqualTo("limit");
    assertThat(json(api.get("/prices/history?symbol=AAPL&limit=ten")).get("field").asText())
        .isEqualTo("limit");
    assertThat(json(api.get("/prices/history?symbol=AAPL&from=yesterday")).get("field").asText())
        .isEqualTo("from");
    HttpResponse<Buffer> inverted =
        api.get("/prices/history?symbol=AAPL&from=2024-03-21T00:00:00Z&to=2024-03-20T00:00:00Z");
    assertThat(inverted.statusCode()).isEqualTo(400);
    assertThat(json(inverted).get("field").asText()).isEqualTo("from");
  }

  @Test
  void givenAnAverage_movingAverage_answersTheSpecBody() {
    when(api.averages.get(Symbol.of("AAPL"), Optional.of(ProviderId.FINNHUB), 5))
        .thenReturn(
            CompletableFuture.completedFuture(
                new MovingAverage(
                    Symbol.of("AAPL"),
                    ProviderId.FINNHUB,
                    5,
                    new BigDecimal("150.1234"),
                    5,
                    Instant.parse("2024-03-20T10:30:00Z"))));

    HttpResponse<Buffer> r = api.get("/prices/moving-average?symbol=AAPL&provider=finnhub");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.bodyAsString())
        .isEqualTo(
            "{\"symbol\":\"AAPL\",\"provider\":\"finnhub\",\"window_size\":5,\"value\":150.1234,"
                + "\"sample_count\":5,\"timestamp\":\"2024-03-20T10:30:00Z\"}");
  }

  @Test
  void givenAWindow_movingAverage_passesItAndRejectsOutOfRange() {
    when(api.averages.get(any(), any(), eq(20)))
        .thenReturn(
            CompletableFuture.completedFuture(
                new MovingAverage(
                    Symbol.of("AAPL"), ProviderId.FINNHUB, 20, BigDecimal.TEN, 3, ApiHarness.NOW)));

    assertThat(api.get("/prices/moving-average?symbol=AAPL&window=20").statusCode()).isEqualTo(200);
    for (String bad : List.of("0", "1001", "-1", "5.5", "99999999999", "", "x")) {
      HttpResponse<Buffer> r = api.get("/prices/moving-average?symbol=AAPL&window=" + bad);
      assertThat(r.statusCode()).as(bad).isEqualTo(400);
      assertThat(json(r).get("field").asText()).isEqualTo("window");
    }
    verify(api.averages, never()).get(any(), any(), eq(0));
    verify(api.averages, never()).get(any(), any(), eq(1001));
    verify(api.averages).get(any(), any(), anyInt());
  }
}
