package dev.marketdata.adapter.persistence;

import static dev.marketdata.testsupport.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

import dev.marketdata.application.indicator.GetIndicatorService;
import dev.marketdata.application.indicator.IndicatorRequest;
import dev.marketdata.application.indicator.IndicatorSeries;
import dev.marketdata.application.indicator.IndicatorSpec;
import dev.marketdata.application.indicator.IndicatorValue;
import dev.marketdata.application.indicator.SeriesInterval;
import dev.marketdata.domain.indicator.IndicatorCalculator;
import dev.marketdata.domain.indicator.MacdCalculator;
import dev.marketdata.domain.indicator.RsiCalculator;
import dev.marketdata.domain.model.BarInterval;
import dev.marketdata.domain.model.Ids;
import dev.marketdata.domain.model.MarketTimeZone;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.Symbol;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Indicators read through the PostgreSQL adapters against the domain calculators fed the same
 * series computed in plain Java: the stored prices in event order (ties on quote time broken by raw
 * response id, inserted shuffled), and the closes of complete one-minute bars.
 */
@ExtendWith(PgStoreExtension.class)
class PgIndicatorIT {
  private static final ProviderId PROVIDER = ProviderId.SIMULATED;
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  private static final Instant T0 = Instant.parse("2026-03-09T14:00:00Z");

  private final PgTestStore store;

  PgIndicatorIT(PgTestStore store) {
    this.store = store;
  }

  @BeforeEach
  void empty() {
    store.emptyPorts();
  }

  record Point(Instant ts, UUID id, BigDecimal price) {}

  private static final Comparator<Point> EVENT_ORDER =
      Comparator.comparing(Point::ts).thenComparing(Point::id, Ids.UNSIGNED_ORDER);

  /** Points over {@code seconds} seconds on 5-second steps, so many tie on quote time. */
  private static List<Point> randomPoints(Random random, int n, int seconds) {
    List<Point> points = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Instant ts = T0.plusSeconds(5L * random.nextInt(seconds / 5));
      BigDecimal price = BigDecimal.valueOf(1_500_000 + random.nextInt(20_000), 4);
      points.add(new Point(ts, new UUID(random.nextLong(), random.nextLong()), price));
    }
    return points;
  }

  private void insert(Symbol symbol, ProviderId provider, List<Point> points) {
    List<Tuple> rows = new ArrayList<>();
    for (Point p : points) {
      rows.add(
          Tuple.of(
              symbol.value(), provider.value(), p.price(), PgValues.timestamptz(p.ts()), p.id()));
    }
    result(
        store
            .pool
            .preparedQuery(
                "INSERT INTO price_points (symbol, provider, price, quote_ts, fetched_at,"
                    + " raw_response_id) VALUES ($1, $2, $3, $4, $4, $5)")
            .executeBatch(rows)
            .toCompletionStage());
  }

  private IndicatorSeries indicator(Instant now, IndicatorRequest request) {
    Clock clock = Clock.fixed(now, ZoneOffset.UTC);
    GetIndicatorService service =
        new GetIndicatorService(
            new PgPricePointRepository(store.pool, clock),
            new PgBarRepository(store.pool, clock),
            new PgDailyBarRepository(store.pool),
            new MarketTimeZone(NEW_YORK),
            clock);
    return result(service.indicator(request));
  }

  private static List<Object> lastValues(
      IndicatorCalculator<?> calculator, List<BigDecimal> inputs, int points) {
    List<Object> values = new ArrayList<>();
    for (BigDecimal input : inputs) {
      calculator.add(input).ifPresent(values::add);
    }
    return values.subList(values.size() - points, values.size());
  }

  @Test
  void givenShuffledTiedTicks_rsi_isTheCalculatorOverTheLastWantedPricesInEventOrder() {
    Symbol symbol = Symbol.of("IND" + Long.toString(System.nanoTime() % 1_000_000, 36));
    Random random = new Random(17);
    List<Point> points = randomPoints(random, 200, 600);
    List<Point> shuffled = new ArrayList<>(points);
    Collections.shuffle(shuffled, random);
    insert(symbol, PROVIDER, shuffled);
    insert(symbol, ProviderId.FINNHUB, randomPoints(random, 50, 600)); // another provider's
    IndicatorRequest request =
        new IndicatorRequest(
            symbol, PROVIDER, IndicatorSpec.of("rsi", Map.of("period", 5)), SeriesInterval.TICK, 3);
    assertThat(request.inputsWanted()).isEqualTo(5 + 1 + 2 + 100).isLessThan(points.size());

    IndicatorSeries series = indicator(T0.plusSeconds(3600), request);

    List<Point> ordered = new ArrayList<>(points);
    ordered.sort(EVENT_ORDER);
    List<Point> inputs = ordered.subList(ordered.size() - request.inputsWanted(), ordered.size());
    assertThat(series.values())
        .extracting(IndicatorValue::value)
        .containsExactlyElementsOf(
            lastValues(new RsiCalculator(5), inputs.stream().map(Point::price).toList(), 3));
    assertThat(series.values())
        .extracting(IndicatorValue::timestamp)
        .containsExactlyElementsOf(
            inputs.subList(inputs.size() - 3, inputs.size()).stream().map(Point::ts).toList());
  }

  @Test
  void givenPointsOverHalfAnHour_macdOn1m_isTheCalculatorOverTheCompleteBarsCloses() {
    Symbol symbol = Symbol.of("IND" + Long.toString(System.nanoTime() % 1_000_000, 36));
    Random random = new Random(29);
    // 31 minutes of points; at NOW the 31st minute is still forming and must not count.
    List<Point> points = randomPoints(random, 600, 31 * 60);
    insert(symbol, PROVIDER, points);
    Instant now = T0.plusSeconds(30 * 60 + 40);
    IndicatorRequest request =
        new IndicatorRequest(
            symbol,
            PROVIDER,
            IndicatorSpec.of("macd", Map.of("fast", 3, "slow", 5, "signal", 2)),
            SeriesInterval.of(BarInterval.ONE_MINUTE),
            4);

    IndicatorSeries series = indicator(now, request);

    TreeMap<Instant, Point> closes = new TreeMap<>(); // bar end -> its last point
    for (Point p : points) {
      Instant end = BarInterval.ONE_MINUTE.bucketStart(p.ts(), NEW_YORK).plusSeconds(60);
      if (!end.isAfter(now)) {
        closes.merge(end, p, (a, b) -> EVENT_ORDER.compare(a, b) >= 0 ? a : b);
      }
    }
    assertThat(closes).hasSize(30);
    assertThat(series.values())
        .extracting(IndicatorValue::value)
        .containsExactlyElementsOf(
            lastValues(
                new MacdCalculator(3, 5, 2),
                closes.values().stream().map(Point::price).toList(),
                4));
    assertThat(series.values())
        .extracting(IndicatorValue::timestamp)
        .containsExactlyElementsOf(new ArrayList<>(closes.keySet()).subList(26, 30));
  }
}
