package dev.marketdata.adapter.http;

import static dev.marketdata.adapter.http.ApiHarness.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import dev.marketdata.application.indicator.GetIndicatorService;
import dev.marketdata.application.indicator.IndicatorRequest;
import dev.marketdata.domain.indicator.BollingerCalculator;
import dev.marketdata.domain.indicator.MacdCalculator;
import dev.marketdata.domain.indicator.MacdValue;
import dev.marketdata.domain.model.MarketTimeZone;
import dev.marketdata.domain.model.PricePoint;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.Symbol;
import dev.marketdata.domain.port.BarRepository;
import dev.marketdata.domain.port.PricePointRepository;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The route over the real service, whose ports answer from a list of stored prices. */
@ExtendWith(VertxExtension.class)
class IndicatorRoutesTest {
  static final Instant T0 = Instant.parse("2024-03-20T09:00:00Z");

  ApiHarness api;
  final PricePointRepository prices = mock(PricePointRepository.class);
  final BarRepository bars = mock(BarRepository.class);
  final List<PricePoint> stored = new ArrayList<>(); // oldest first

  @BeforeEach
  void start(Vertx vertx) {
    api = new ApiHarness(vertx).start();
    GetIndicatorService service =
        new GetIndicatorService(
            prices,
            bars,
            // No backfilled days: every read of them answers an empty list.
            mock(
                dev.marketdata.domain.port.DailyBarRepository.class,
                inv -> java.util.concurrent.CompletableFuture.completedFuture(List.of())),
            MarketTimeZone.NEW_YORK,
            api.clock);
    when(api.indicators.indicator(any()))
        .thenAnswer(inv -> service.indicator(inv.getArgument(0, IndicatorRequest.class)));
    when(prices.newest(any(), any(), anyInt()))
        .thenAnswer(
            inv -> {
              int count = inv.getArgument(2);
              List<PricePoint> newest = new ArrayList<>(stored);
              java.util.Collections.reverse(newest);
              return CompletableFuture.completedFuture(
                  newest.subList(0, Math.min(count, newest.size())));
            });
  }

  void store(int count) {
    for (int i = 0; i < count; i++) {
      stored.add(
          new PricePoint(
              Symbol.of("AAPL"),
              ProviderId.FINNHUB,
              BigDecimal.valueOf(15_000 + (i * 37 % 11) * 10, 2),
              T0.plusSeconds(i),
              T0.plusSeconds(i),
              UUID.randomUUID()));
    }
  }

  static void assertProblem(HttpResponse<Buffer> r, int status, String field, String detail) {
    assertThat(r.statusCode()).isEqualTo(status);
    assertThat(r.getHeader("Content-Type")).isEqualTo("application/problem+json");
    JsonNode body = json(r);
    if (field != null) {
      assertThat(body.path("field").asText()).isEqualTo(field);
    }
    assertThat(body.get("detail").asText()).contains(detail);
  }

  @Test
  void givenStoredTicks_sma_answersTheSpecBody() {
    store(3);

    HttpResponse<Buffer> r =
        api.get("/prices/indicators?symbol=AAPL&indicator=sma&interval=tick&period=2&points=2");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.bodyAsString())
        .isEqualTo(
            "{\"symbol\":\"AAPL\",\"provider\":\"finnhub\",\"indicator\":\"sma\","
                + "\"interval\":\"tick\",\"params\":{\"period\":2},\"values\":["
                + "{\"timestamp\":\"2024-03-20T09:00:01Z\",\"value\":150.20000000},"
                + "{\"timestamp\":\"2024-03-20T09:00:02Z\",\"value\":150.60000000}]}");
  }

  @Test
  void givenStoredTicks_macdAndBollinger_answerObjectsWithTheirParams() {
    store(40);

    JsonNode macd =
        json(api.get("/prices/indicators?symbol=AAPL&indicator=macd&interval=tick&points=2"));
    JsonNode bollinger =
        json(
            api.get(
                "/prices/indicators?symbol=AAPL&indicator=bollinger&interval=tick&period=5&k=2.5"));

    MacdCalculator calc = MacdCalculator.standard();
    MacdValue last = null;
    for (PricePoint p : stored) {
      last = calc.add(p.price()).orElse(last);
    }
    assertThat(macd.get("params").toString()).isEqualTo("{\"fast\":12,\"slow\":26,\"signal\":9}");
    assertThat(macd.get("values")).hasSize(2);
    JsonNode v = macd.get("values").get(1);
    assertThat(v.get("timestamp").asText()).isEqualTo("2024-03-20T09:00:39Z");
    assertThat(v.get("value").get("macd").decimalValue()).isEqualByComparingTo(last.macd());
    assertThat(v.get("value").get("signal").decimalValue()).isEqualByComparingTo(last.signal());
    assertThat(v.get("value").get("histogram").decimalValue())
        .isEqualByComparingTo(last.histogram());

    BollingerCalculator b = new BollingerCalculator(5, new BigDecimal("2.5"));
    var expected = stored.stream().map(p -> b.add(p.price())).toList().get(39).orElseThrow();
    assertThat(bollinger.get("params").toString()).isEqualTo("{\"period\":5,\"k\":2.5}");
    JsonNode bv = bollinger.get("values").get(0).get("value");
    assertThat(bv.get("middle").decimalValue()).isEqualByComparingTo(expected.middle());
    assertThat(bv.get("upper").decimalValue()).isEqualByComparingTo(expected.upper());
    assertThat(bv.get("lower").decimalValue()).isEqualByComparingTo(expected.lower());
  }

  @Test
  void givenTooFewTicks_indicator_is422SayingHowManyAreNeededAndExist() {
    store(14);

    HttpResponse<Buffer> r =
        api.get("/prices/indicators?symbol=AAPL&indicator=rsi&interval=tick&points=2");

    assertProblem(r, 422, null, "needs 16 values; 14 exist");
    assertThat(json(r).get("needed").asInt()).isEqualTo(16);
    assertThat(json(r).get("available").asInt()).isEqualTo(14);
    assertThat(json(r).get("type").asText()).endsWith("insufficient-data");
  }

  @Test
  void givenAParameterOfAnotherIndicator_indicator_is400NamingIt() {
    assertProblem(
        api.get("/prices/indicators?symbol=AAPL&indicator=macd&interval=tick&period=5"),
        400,
        "period",
        "fast, slow, signal");
    assertProblem(
        api.get("/prices/indicators?symbol=AAPL&indicator=ema&interval=1m&k=2"), 400, "k", "ema");
    assertProblem(
        api.get("/prices/indicators?symbol=AAPL&indicator=rsi&interval=tick&signal=9"),
        400,
        "signal",
        "period");
    verify(prices, never()).newest(any(), any(), anyInt());
  }

  @Test
  void givenInvalidValues_indicator_is400NamingTheField() {
    String base = "/prices/indicators?symbol=AAPL";
    assertProblem(api.get(base + "&interval=tick"), 400, "indicator", "is required");
    assertProblem(api.get(base + "&indicator=wma&interval=tick"), 400, "indicator", "sma");
    assertProblem(api.get(base + "&indicator=sma"), 400, "interval", "tick, 1m");
    assertProblem(api.get(base + "&indicator=sma&interval=2m"), 400, "interval", "tick, 1m");
    assertProblem(api.get(base + "&indicator=sma&interval=tick&period=0"), 400, "period", "1");
    assertProblem(api.get(base + "&indicator=sma&interval=tick&period=501"), 400, "period", "500");
    assertProblem(
        api.get(base + "&indicator=sma&interval=tick&points=1001"), 400, "points", "1000");
    assertProblem(api.get(base + "&indicator=sma&interval=tick&points=x"), 400, "points", "whole");
    assertProblem(api.get(base + "&indicator=bollinger&interval=tick&k=-1"), 400, "k", "positive");
    assertProblem(api.get(base + "&indicator=bollinger&interval=tick&k=1e9"), 400, "k", "positive");
    assertProblem(
        api.get(base + "&indicator=macd&interval=tick&fast=30"), 400, "slow", "greater than fast");
    assertProblem(api.get("/prices/indicators?indicator=sma&interval=tick"), 400, "symbol", "");
    assertProblem(
        api.get(base + "&indicator=sma&interval=tick&window=5"), 400, "window", "allowed");
    verify(prices, never()).newest(any(), any(), anyInt());
  }

  @Test
  void givenAProvider_indicator_readsThatProvidersPrices() {
    store(1);
    api.get(
        "/prices/indicators?symbol=AAPL&provider=simulated&indicator=sma&interval=tick&period=1");
    verify(prices).newest(eq(Symbol.of("AAPL")), eq(ProviderId.SIMULATED), anyInt());
  }
}
