package dev.marketdata.adapter.persistence;

import static dev.marketdata.testsupport.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

import dev.marketdata.application.bar.BarRequest;
import dev.marketdata.application.bar.GetBarsService;
import dev.marketdata.application.contract.BarRepositoryContract;
import dev.marketdata.application.contract.MarketDataPorts;
import dev.marketdata.domain.model.Bar;
import dev.marketdata.domain.model.BarCursor;
import dev.marketdata.domain.model.BarInterval;
import dev.marketdata.domain.model.BarPage;
import dev.marketdata.domain.model.Ids;
import dev.marketdata.domain.model.MarketTimeZone;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.Symbol;
import dev.marketdata.domain.port.BarRepository;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The bar contract on PostgreSQL, and bars read from it against a plain Java computation over the
 * same points: exact OHLC with ties on quote time broken by raw response id, insertion order
 * irrelevant, paging, the bucket still forming, and New York's 23-hour day.
 */
@ExtendWith(PgStoreExtension.class)
class PgBarRepositoryIT extends BarRepositoryContract {
  private static final ProviderId PROVIDER = ProviderId.SIMULATED;
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  // Well after every point below, so every bar is complete unless a test says otherwise.
  private static final Instant LATER = Instant.parse("2026-06-01T00:00:00Z");
  private static final Instant T0 = Instant.parse("2026-03-07T14:00:00Z");

  private final PgTestStore store;

  PgBarRepositoryIT(PgTestStore store) {
    this.store = store;
  }

  @Override
  protected MarketDataPorts emptyStore() {
    return store.emptyPorts(NO_OUTLIERS);
  }

  @Override
  protected BarRepository bars(MarketDataPorts ports, Clock clock) {
    return new PgBarRepository(store.pool, clock);
  }

  record Point(Instant ts, UUID id, BigDecimal price) {}

  private static final Comparator<Point> EVENT_ORDER =
      Comparator.comparing(Point::ts).thenComparing(Point::id, Ids.UNSIGNED_ORDER);

  /**
   * Points over {@code minutes} minutes, many sharing a quote time (whole seconds, few of them).
   */
  private static List<Point> randomPoints(Random random, int n, int minutes) {
    List<Point> points = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      // Quote times on 10-second steps: about 6 per minute, so most points tie with another.
      Instant ts = T0.plusSeconds(10L * random.nextInt(minutes * 6));
      BigDecimal price = BigDecimal.valueOf(1 + random.nextInt(2_000_000), 4);
      points.add(new Point(ts, new UUID(random.nextLong(), random.nextLong()), price));
    }
    return points;
  }

  private void insert(Symbol symbol, List<Point> points) {
    List<Tuple> rows = new ArrayList<>();
    for (Point p : points) {
      rows.add(
          Tuple.of(
              symbol.value(), PROVIDER.value(), p.price(), PgValues.timestamptz(p.ts()), p.id()));
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

  /** The straightforward computation: group by bucket, sort each in event order, fold. */
  private static List<Bar> expected(
      Symbol symbol, BarInterval interval, List<Point> points, Instant now) {
    TreeMap<Instant, List<Point>> buckets = new TreeMap<>();
    for (Point p : points) {
      buckets
          .computeIfAbsent(interval.bucketStart(p.ts(), NEW_YORK), k -> new ArrayList<>())
          .add(p);
    }
    List<Bar> bars = new ArrayList<>();
    buckets.forEach(
        (start, in) -> {
          in.sort(EVENT_ORDER);
          BigDecimal high = in.get(0).price();
          BigDecimal low = in.get(0).price();
          for (Point p : in) {
            high = p.price().compareTo(high) > 0 ? p.price() : high;
            low = p.price().compareTo(low) < 0 ? p.price() : low;
          }
          Instant end = interval.bucketEnd(start, NEW_YORK);
          bars.add(
              new Bar(
                  symbol,
                  PROVIDER,
                  interval,
                  start,
                  end,
                  in.get(0).price(),
                  high,
                  low,
                  in.get(in.size() - 1).price(),
                  in.size(),
                  !end.isAfter(now)));
        });
    return bars;
  }

  private GetBarsService service(Instant now) {
    return new GetBarsService(
        new PgBarRepository(store.pool, Clock.fixed(now, ZoneOffset.UTC)),
        new PgDailyBarRepository(store.pool),
        new MarketTimeZone(NEW_YORK),
        Clock.fixed(now, ZoneOffset.UTC));
  }

  private BarPage page(
      Symbol symbol, BarInterval interval, Instant from, Instant to, int limit, Instant now) {
    return result(
        service(now)
            .bars(
                new BarRequest(
                    symbol,
                    PROVIDER,
                    interval,
                    Optional.of(from),
                    Optional.of(to),
                    limit,
                    Optional.empty())));
  }

  /** Every page from the newest back, each followed by its cursor; bars returned oldest first. */
  private List<Bar> allPages(
      Symbol symbol,
      BarInterval interval,
      Instant from,
      Instant to,
      int limit,
      List<Integer> sizes) {
    List<List<Bar>> pages = new ArrayList<>();
    Optional<BarCursor> cursor = Optional.empty();
    do {
      BarPage page =
          result(
              service(LATER)
                  .bars(
                      new BarRequest(
                          symbol,
                          PROVIDER,
                          interval,
                          Optional.of(from),
                          Optional.of(to),
                          limit,
                          cursor)));
      sizes.add(page.bars().size());
      pages.add(page.bars());
      cursor = page.next();
    } while (cursor.isPresent() && pages.size() < 1000);
    Collections.reverse(pages);
    return pages.stream().flatMap(List::stream).toList();
  }

  @Test
  void givenRandomPointsWithTies_bars_equalTheJavaAggregation() {
    Random random = new Random(17);
    Symbol symbol = Symbol.of("AAPL");
    List<Point> points = randomPoints(random, 3000, 180);
    insert(symbol, points);
    for (BarInterval interval :
        List.of(BarInterval.ONE_MINUTE, BarInterval.FIFTEEN_MINUTES, BarInterval.ONE_DAY)) {
      BarPage page =
          page(
              symbol,
              interval,
              T0.minus(Duration.ofDays(2)),
              T0.plus(Duration.ofDays(2)),
              5000,
              LATER);
      assertThat(page.bars())
          .as(interval.label())
          .isEqualTo(expected(symbol, interval, points, LATER));
      assertThat(page.next()).isEmpty();
    }
  }

  @Test
  void givenTheSamePointsInsertedInAnotherOrder_bars_areTheSame() {
    Random random = new Random(42);
    List<Point> points = randomPoints(random, 1500, 60);
    List<Point> shuffled = new ArrayList<>(points);
    Collections.shuffle(shuffled, random);
    Symbol symbol = Symbol.of("REPLAY");
    Instant from = T0;
    Instant to = T0.plus(Duration.ofHours(1));
    insert(symbol, points.stream().sorted(EVENT_ORDER).toList());
    List<Bar> inOrder = page(symbol, BarInterval.ONE_MINUTE, from, to, 500, LATER).bars();
    store.execute("TRUNCATE price_points");
    // The same events again, shuffled, as a replay or a late backlog would deliver them.
    insert(symbol, shuffled);
    List<Bar> outOfOrder = page(symbol, BarInterval.ONE_MINUTE, from, to, 500, LATER).bars();
    assertThat(inOrder).hasSize(60);
    assertThat(outOfOrder).isEqualTo(inOrder);
  }

  @Test
  void givenGapsInTheData_pagingWithTheCursor_returnsEveryBarExactlyOnce() {
    Random random = new Random(7);
    Symbol symbol = Symbol.of("GAPPY");
    // 180 minutes, but only 400 points: many minutes have none, so pages reach back past gaps.
    List<Point> points = randomPoints(random, 400, 180);
    insert(symbol, points);
    List<Integer> sizes = new ArrayList<>();
    Instant from = T0.minusSeconds(30);
    Instant to = T0.plus(Duration.ofHours(4));
    List<Bar> all = allPages(symbol, BarInterval.ONE_MINUTE, from, to, 7, sizes);
    List<Bar> expected = expected(symbol, BarInterval.ONE_MINUTE, points, LATER);
    assertThat(all).isEqualTo(expected);
    assertThat(sizes.subList(0, sizes.size() - 1)).allMatch(s -> s == 7);
    assertThat(sizes).hasSize((expected.size() + 6) / 7);
  }

  @Test
  void limit_keepsTheMostRecentBarsOfTheRange() {
    Random random = new Random(3);
    Symbol symbol = Symbol.of("RECENT");
    List<Point> points = randomPoints(random, 600, 30);
    insert(symbol, points);
    BarPage page =
        page(symbol, BarInterval.ONE_MINUTE, T0, T0.plus(Duration.ofMinutes(30)), 10, LATER);
    List<Bar> expected = expected(symbol, BarInterval.ONE_MINUTE, points, LATER);
    assertThat(page.bars()).isEqualTo(expected.subList(expected.size() - 10, expected.size()));
    assertThat(page.next())
        .contains(
            new BarCursor(BarInterval.ONE_MINUTE, expected.get(expected.size() - 10).start()));
  }

  @Test
  void theBucketStillForming_isIncludedAndIncomplete() {
    Symbol symbol = Symbol.of("LIVE");
    Instant now = T0.plusSeconds(5 * 60 + 30); // half way through the sixth minute
    List<Point> points = new ArrayList<>();
    for (int s = 0; s <= 5 * 60 + 30; s += 15) {
      points.add(new Point(T0.plusSeconds(s), UUID.randomUUID(), BigDecimal.valueOf(100 + s, 2)));
    }
    insert(symbol, points);
    BarPage page =
        result(
            service(now)
                .bars(
                    new BarRequest(
                        symbol,
                        PROVIDER,
                        BarInterval.ONE_MINUTE,
                        Optional.empty(),
                        Optional.empty(),
                        500,
                        Optional.empty())));
    assertThat(page.bars()).isEqualTo(expected(symbol, BarInterval.ONE_MINUTE, points, now));
    assertThat(page.bars()).hasSize(6);
    Bar last = page.bars().get(5);
    assertThat(last.complete()).isFalse();
    assertThat(last.start()).isEqualTo(T0.plusSeconds(300));
    assertThat(last.count()).isEqualTo(3);
    assertThat(page.bars().subList(0, 5)).allMatch(Bar::complete);
  }

  @Test
  void anEmptyRange_hasNoBarsAndNoCursor() {
    insert(Symbol.of("ELSE"), randomPoints(new Random(1), 50, 10));
    BarPage page =
        page(
            Symbol.of("ELSE"),
            BarInterval.ONE_HOUR,
            T0.plus(Duration.ofDays(1)),
            T0.plus(Duration.ofDays(2)),
            500,
            LATER);
    assertThat(page.bars()).isEmpty();
    assertThat(page.next()).isEmpty();
    assertThat(page(Symbol.of("NONE"), BarInterval.ONE_MINUTE, T0, LATER, 500, LATER).bars())
        .isEmpty();
  }

  @Test
  void theDayClocksGoForward_isA23HourBarInNewYork() {
    Symbol symbol = Symbol.of("DST");
    // 2026-03-08: New York springs forward; local midnight is 05:00Z, the next one 04:00Z.
    List<Point> points =
        List.of(
            new Point(
                Instant.parse("2026-03-08T04:59:59Z"), UUID.randomUUID(), new BigDecimal("1")),
            new Point(
                Instant.parse("2026-03-08T05:00:00Z"), UUID.randomUUID(), new BigDecimal("2")),
            new Point(
                Instant.parse("2026-03-09T03:59:59Z"), UUID.randomUUID(), new BigDecimal("3")),
            new Point(
                Instant.parse("2026-03-09T04:00:00Z"), UUID.randomUUID(), new BigDecimal("4")));
    insert(symbol, points);
    List<Bar> bars =
        page(
                symbol,
                BarInterval.ONE_DAY,
                Instant.parse("2026-03-01T00:00:00Z"),
                Instant.parse("2026-03-15T00:00:00Z"),
                500,
                LATER)
            .bars();
    assertThat(bars)
        .extracting(Bar::start)
        .containsExactly(
            Instant.parse("2026-03-07T05:00:00Z"),
            Instant.parse("2026-03-08T05:00:00Z"),
            Instant.parse("2026-03-09T04:00:00Z"));
    Bar shortDay = bars.get(1);
    assertThat(shortDay.end()).isEqualTo(Instant.parse("2026-03-09T04:00:00Z"));
    assertThat(shortDay.count()).isEqualTo(2);
    assertThat(shortDay.open()).isEqualByComparingTo("2");
    assertThat(shortDay.close()).isEqualByComparingTo("3");
  }

  @Test
  void backfilledDays_replaceTheAggregatedDay_andFillDaysWithoutPrices_pagingOverBoth() {
    Symbol symbol = Symbol.of("HIST");
    // Prices polled on 2026-03-03 and 2026-03-05 (New York); a backfill stored 03-02..03-04.
    insert(
        symbol,
        List.of(
            new Point(
                Instant.parse("2026-03-03T15:00:00Z"), UUID.randomUUID(), new BigDecimal("9")),
            new Point(
                Instant.parse("2026-03-05T15:00:00Z"), UUID.randomUUID(), new BigDecimal("7"))));
    for (String day : List.of("2026-03-02", "2026-03-03", "2026-03-04")) {
      store.execute(
          "INSERT INTO daily_bars (symbol, provider, day, open, high, low, close, raw_response_id)"
              + " VALUES ('HIST', '"
              + PROVIDER.value()
              + "', DATE '"
              + day
              + "', 10, 12, 9, 11, gen_random_uuid())");
    }
    Instant from = Instant.parse("2026-03-01T00:00:00Z");
    Instant to = Instant.parse("2026-03-10T00:00:00Z");

    List<Bar> bars = page(symbol, BarInterval.ONE_DAY, from, to, 500, LATER).bars();

    assertThat(bars)
        .extracting(b -> b.start().atZone(NEW_YORK).toLocalDate().toString(), Bar::source)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("2026-03-02", Bar.Source.HISTORY),
            org.assertj.core.groups.Tuple.tuple("2026-03-03", Bar.Source.HISTORY),
            org.assertj.core.groups.Tuple.tuple("2026-03-04", Bar.Source.HISTORY),
            org.assertj.core.groups.Tuple.tuple("2026-03-05", Bar.Source.PRICES));
    assertThat(bars.get(1).close())
        .as("the provider's day, not the one polled price")
        .isEqualByComparingTo("11");
    assertThat(bars.get(1).count()).isZero();
    assertThat(bars.get(3).count()).isEqualTo(1);

    BarPage newest = page(symbol, BarInterval.ONE_DAY, from, to, 2, LATER);
    assertThat(newest.bars())
        .extracting(Bar::close)
        .map(BigDecimal::toPlainString)
        .containsExactly("11", "7");
    assertThat(newest.next()).isPresent();
    BarPage older =
        result(
            service(LATER)
                .bars(
                    new BarRequest(
                        symbol,
                        PROVIDER,
                        BarInterval.ONE_DAY,
                        Optional.of(from),
                        Optional.of(to),
                        2,
                        newest.next())));
    assertThat(older.bars())
        .extracting(b -> b.start().atZone(NEW_YORK).toLocalDate().toString())
        .containsExactly("2026-03-02", "2026-03-03");
    assertThat(older.next()).isEmpty();
  }
}
