package dev.marketdata.application.indicator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marketdata.application.fake.InMemoryMarketDataStore;
import dev.marketdata.domain.failure.InsufficientData;
import dev.marketdata.domain.failure.InvalidInput;
import dev.marketdata.domain.indicator.EmaCalculator;
import dev.marketdata.domain.indicator.IndicatorCalculator;
import dev.marketdata.domain.indicator.MacdCalculator;
import dev.marketdata.domain.indicator.SmaCalculator;
import dev.marketdata.domain.model.Bar;
import dev.marketdata.domain.model.BarCursor;
import dev.marketdata.domain.model.BarInterval;
import dev.marketdata.domain.model.BarPage;
import dev.marketdata.domain.model.BarQuery;
import dev.marketdata.domain.model.FetchedQuote;
import dev.marketdata.domain.model.MarketTimeZone;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.Symbol;
import dev.marketdata.domain.port.BarRepository;
import dev.marketdata.testsupport.Samples;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

class GetIndicatorServiceTest {
  static final Symbol AAPL = Symbol.of("AAPL");
  static final Instant NOW = Instant.parse("2026-11-30T15:00:30Z");

  final InMemoryMarketDataStore store = new InMemoryMarketDataStore();
  final FakeBars bars = new FakeBars();
  final GetIndicatorService service =
      new GetIndicatorService(
          store,
          bars,
          new dev.marketdata.application.fake.InMemoryDailyBars(),
          MarketTimeZone.NEW_YORK,
          Clock.fixed(NOW, ZoneOffset.UTC));

  /** Prices 100, 101.5, 99.25, ... quoted a second apart, oldest first; returns them. */
  List<BigDecimal> storeTicks(int count) {
    List<BigDecimal> prices = new ArrayList<>();
    List<FetchedQuote> batch = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      BigDecimal price = price(i);
      prices.add(price);
      batch.add(Samples.quote(AAPL, price.toPlainString(), Samples.T0.plusSeconds(i)));
    }
    store.ingestAll(batch).toCompletableFuture().join();
    return prices;
  }

  static BigDecimal price(int i) {
    return BigDecimal.valueOf(10_000 + (i * 37L % 101) * 25 - (i % 7) * 13, 2);
  }

  static IndicatorRequest request(
      String indicator, Map<String, Number> params, String interval, int points) {
    return new IndicatorRequest(
        AAPL,
        ProviderId.FINNHUB,
        IndicatorSpec.of(indicator, params),
        SeriesInterval.parse(interval),
        points);
  }

  IndicatorSeries get(IndicatorRequest r) {
    return service.indicator(r).toCompletableFuture().join();
  }

  static List<Object> expected(IndicatorCalculator<?> calc, List<BigDecimal> inputs, int points) {
    List<Object> out = new ArrayList<>();
    for (BigDecimal in : inputs) {
      calc.add(in).ifPresent(out::add);
    }
    return out.subList(out.size() - points, out.size());
  }

  @Test
  void givenTicks_sma_isTheMeanOfEachWindow_atTheTicksQuoteTimes() {
    List<BigDecimal> prices = storeTicks(30);

    IndicatorSeries s = get(request("sma", Map.of("period", 5), "tick", 3));

    assertThat(s.values())
        .extracting(IndicatorValue::value)
        .containsExactlyElementsOf(expected(new SmaCalculator(5), prices, 3));
    assertThat(s.values())
        .extracting(IndicatorValue::timestamp)
        .containsExactly(
            InMemoryMarketDataStore.micros(Samples.T0.plusSeconds(27)),
            InMemoryMarketDataStore.micros(Samples.T0.plusSeconds(28)),
            InMemoryMarketDataStore.micros(Samples.T0.plusSeconds(29)));
  }

  @Test
  void givenMoreTicksThanTheWarmUp_ema_startsFromExactlyTheLastWantedInputs() {
    List<BigDecimal> prices = storeTicks(100);
    IndicatorRequest r = request("ema", Map.of("period", 3), "tick", 2);
    assertThat(r.inputsWanted()).isEqualTo(3 + 1 + 20 * 3);

    IndicatorSeries s = get(r);

    List<BigDecimal> window = prices.subList(100 - r.inputsWanted(), 100);
    assertThat(s.values())
        .extracting(IndicatorValue::value)
        .containsExactlyElementsOf(expected(new EmaCalculator(3), window, 2));
  }

  @Test
  void givenFewerTicksThanTheWarmUp_macd_startsFromTheOldestStored() {
    List<BigDecimal> prices = storeTicks(40);

    IndicatorSeries s = get(request("macd", Map.of(), "tick", 5));

    assertThat(s.values())
        .extracting(IndicatorValue::value)
        .containsExactlyElementsOf(expected(MacdCalculator.standard(), prices, 5));
  }

  @Test
  void givenTooFewTicks_indicator_failsSayingHowManyAreNeededAndExist() {
    storeTicks(36);
    // MACD(12, 26, 9) needs 34 inputs for its first value, 36 for three.
    assertThatThrownBy(() -> get(request("macd", Map.of(), "tick", 4)))
        .isInstanceOf(CompletionException.class)
        .cause()
        .isInstanceOfSatisfying(
            InsufficientData.class,
            e -> {
              assertThat(e.needed()).isEqualTo(37);
              assertThat(e.available()).isEqualTo(36);
              assertThat(e.getMessage()).contains("needs 37 values; 36 exist").contains("macd");
            });
    assertThat(get(request("macd", Map.of(), "tick", 3)).values()).hasSize(3);
  }

  @Test
  void givenBars_indicator_usesTheClosesOfCompleteBarsAtTheirEnds() {
    Instant start = Instant.parse("2026-11-30T14:00:00Z");
    for (int i = 0; i < 61; i++) {
      bars.add(start.plusSeconds(60L * i), price(i)); // the last, 15:00, is still forming at NOW
    }

    IndicatorSeries s = get(request("sma", Map.of("period", 3), "1m", 2));

    List<BigDecimal> closes = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      closes.add(price(i));
    }
    assertThat(s.values())
        .extracting(IndicatorValue::value)
        .containsExactlyElementsOf(expected(new SmaCalculator(3), closes, 2));
    assertThat(s.values())
        .extracting(IndicatorValue::timestamp)
        .containsExactly(
            Instant.parse("2026-11-30T14:59:00Z"), Instant.parse("2026-11-30T15:00:00Z"));
    assertThat(bars.queries)
        .allSatisfy(q -> assertThat(q.to()).isEqualTo(Instant.parse("2026-11-30T15:00:00Z")));
  }

  @Test
  void givenMoreBarsThanOnePage_indicator_readsPagesBackUntilItHasItsInputs() {
    Instant start = Instant.parse("2026-11-20T00:00:00Z");
    int count = 7_000;
    List<BigDecimal> closes = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      bars.add(start.plusSeconds(60L * i), price(i));
      closes.add(price(i));
    }
    IndicatorRequest r = request("rsi", Map.of("period", 300), "1m", 2);
    assertThat(r.inputsWanted()).isGreaterThan(BarQuery.MAX_LIMIT).isLessThan(count);

    IndicatorSeries s = get(r);

    assertThat(bars.queries).hasSize(2);
    List<BigDecimal> window = closes.subList(count - r.inputsWanted(), count);
    assertThat(s.values())
        .extracting(IndicatorValue::value)
        .containsExactlyElementsOf(
            expected(new dev.marketdata.domain.indicator.RsiCalculator(300), window, 2));
  }

  @Test
  void givenTooFewCompleteBars_indicator_failsCountingOnlyCompleteOnes() {
    Instant start = Instant.parse("2026-11-30T14:57:00Z");
    for (int i = 0; i < 4; i++) {
      bars.add(start.plusSeconds(60L * i), price(i)); // 14:57..15:00, the last forming
    }
    assertThatThrownBy(() -> get(request("sma", Map.of("period", 4), "1m", 1)))
        .cause()
        .isInstanceOfSatisfying(
            InsufficientData.class, e -> assertThat(e.available()).isEqualTo(3));
  }

  @Test
  void givenAParameterOfAnotherIndicator_spec_rejectsItByName() {
    assertThatThrownBy(() -> IndicatorSpec.of("macd", Map.of("period", 5)))
        .isInstanceOfSatisfying(
            InvalidInput.class,
            e -> {
              assertThat(e.field()).isEqualTo("period");
              assertThat(e.getMessage()).contains("fast, slow, signal");
            });
    assertThatThrownBy(() -> IndicatorSpec.of("sma", Map.of("k", BigDecimal.ONE)))
        .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.field()).isEqualTo("k"));
    assertThatThrownBy(() -> IndicatorSpec.of("macd", Map.of("fast", 26)))
        .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.field()).isEqualTo("slow"));
    assertThatThrownBy(() -> IndicatorSpec.of("wma", Map.of()))
        .isInstanceOfSatisfying(
            InvalidInput.class, e -> assertThat(e.field()).isEqualTo("indicator"));
    assertThatThrownBy(() -> IndicatorSpec.of("ema", Map.of("period", 501)))
        .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.field()).isEqualTo("period"));
  }

  @Test
  void givenParamsBuiltByHand_spec_stillChecksNamesAndRanges() {
    assertThatThrownBy(() -> new IndicatorSpec("sma", Map.of("period", 20, "k", BigDecimal.ONE)))
        .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.field()).isEqualTo("params"));
    assertThatThrownBy(() -> new IndicatorSpec("ema", Map.of("period", 10_000)))
        .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.field()).isEqualTo("period"));
  }

  @Test
  void givenNoParameters_spec_takesTheIssuesDefaults() {
    assertThat(IndicatorSpec.of("sma", Map.of()).params()).containsExactly(Map.entry("period", 20));
    assertThat(IndicatorSpec.of("rsi", Map.of()).params()).containsExactly(Map.entry("period", 14));
    assertThat(IndicatorSpec.of("macd", Map.of()).params())
        .containsExactly(Map.entry("fast", 12), Map.entry("slow", 26), Map.entry("signal", 9));
    assertThat(IndicatorSpec.of("bollinger", Map.of()).params())
        .containsExactly(Map.entry("period", 20), Map.entry("k", BigDecimal.valueOf(2)));
    assertThat(IndicatorSpec.of("bollinger", Map.of()).warmUp()).isZero();
    assertThat(IndicatorSpec.of("macd", Map.of()).warmUp()).isEqualTo(20 * 26);
  }

  /** Bars as given, answering queries as the port specifies: newest limit in [from, to). */
  static final class FakeBars implements BarRepository {
    final List<Bar> all = new ArrayList<>();
    final List<BarQuery> queries = new ArrayList<>();

    void add(Instant start, BigDecimal close) {
      Instant end = start.plus(Duration.ofMinutes(1));
      all.add(
          new Bar(
              AAPL,
              ProviderId.FINNHUB,
              BarInterval.ONE_MINUTE,
              start,
              end,
              close,
              close,
              close,
              close,
              1,
              !end.isAfter(NOW)));
    }

    @Override
    public CompletionStage<BarPage> bars(BarQuery q) {
      queries.add(q);
      List<Bar> in =
          all.stream()
              .filter(b -> !b.start().isBefore(q.from()) && b.start().isBefore(q.to()))
              .toList();
      if (in.size() <= q.limit()) {
        return CompletableFuture.completedFuture(new BarPage(in, Optional.empty()));
      }
      List<Bar> page = in.subList(in.size() - q.limit(), in.size());
      return CompletableFuture.completedFuture(
          new BarPage(
              page, Optional.of(new BarCursor(BarInterval.ONE_MINUTE, page.get(0).start()))));
    }
  }
}
