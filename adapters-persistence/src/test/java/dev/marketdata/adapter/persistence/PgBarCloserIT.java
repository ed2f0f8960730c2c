package dev.marketdata.adapter.persistence;

import static dev.marketdata.testsupport.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

import dev.marketdata.domain.model.Bar;
import dev.marketdata.domain.model.BarCloseReport;
import dev.marketdata.domain.model.BarInterval;
import dev.marketdata.domain.model.BarQuery;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.Symbol;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bar closer on PostgreSQL: the bars it queues equal GET /prices/bars' aggregation of the same
 * points for every interval (1d across New York's 23-hour day), a bucket closes only after its
 * grace, watermarks advance, a fresh store does not backfill, and two closers emit each bucket
 * once.
 */
@ExtendWith(PgStoreExtension.class)
class PgBarCloserIT {
  private static final Logger log = LoggerFactory.getLogger(PgBarCloserIT.class);
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  private static final Duration GRACE = Duration.ofSeconds(5);
  private static final ProviderId PROVIDER = ProviderId.SIMULATED;
  private static final List<Symbol> SYMBOLS = List.of(Symbol.of("AAPL"), Symbol.of("MSFT"));
  // 23:55 in New York on the eve of the spring-forward day (2026-03-08 lasts 23 hours there).
  private static final Instant T0 = Instant.parse("2026-03-08T04:55:00Z");
  private static final Instant DAY_START = Instant.parse("2026-03-08T05:00:00Z");
  private static final Instant DAY_END = Instant.parse("2026-03-09T04:00:00Z");

  private final PgTestStore store;
  private PgBarCloser closer;

  PgBarCloserIT(PgTestStore store) {
    this.store = store;
  }

  @BeforeEach
  void empty() {
    store.emptyPorts();
    closer = new PgBarCloser(store.pool);
  }

  private BarCloseReport close(PgBarCloser closer, Instant now) {
    return result(closer.close(now, GRACE, NEW_YORK));
  }

  private Instant closedUntil(BarInterval interval) {
    List<Row> rows =
        store.query(
            "SELECT closed_until FROM bar_closes WHERE \"interval\" = $1", interval.label());
    return rows.isEmpty() ? null : rows.get(0).getOffsetDateTime(0).toInstant();
  }

  private void insert(Symbol symbol, Instant ts, UUID id, BigDecimal price) {
    store.query(
        "INSERT INTO price_points (symbol, provider, price, quote_ts, fetched_at, raw_response_id)"
            + " VALUES ($1, $2, $3, $4, $4, $5)",
        symbol.value(),
        PROVIDER.value(),
        price,
        PgValues.timestamptz(ts),
        id);
  }

  /** Points in [from, from + minutes), quote times on 10-second steps so many tie. */
  private void randomPoints(Random random, Instant from, int minutes, int n) {
    for (int i = 0; i < n; i++) {
      insert(
          SYMBOLS.get(random.nextInt(SYMBOLS.size())),
          from.plusSeconds(10L * random.nextInt(minutes * 6)),
          new UUID(random.nextLong(), random.nextLong()),
          BigDecimal.valueOf(1 + random.nextInt(2_000_000), 4));
    }
  }

  private static String line(
      Instant start, Instant end, BigDecimal o, BigDecimal h, BigDecimal l, BigDecimal c, long n) {
    return start + " " + end + " " + plain(o) + " " + plain(h) + " " + plain(l) + " " + plain(c)
        + " " + n;
  }

  private static String plain(BigDecimal d) {
    return d.stripTrailingZeros().toPlainString();
  }

  private List<String> queued(Symbol symbol, BarInterval interval) {
    List<String> lines = new ArrayList<>();
    for (Row r :
        store.query(
            "SELECT bucket_start, bucket_end, open, high, low, close, count FROM bar_outbox"
                + " WHERE symbol = $1 AND provider = $2 AND \"interval\" = $3 ORDER BY bucket_start",
            symbol.value(),
            PROVIDER.value(),
            interval.label())) {
      lines.add(
          line(
              r.getOffsetDateTime(0).toInstant(),
              r.getOffsetDateTime(1).toInstant(),
              r.getBigDecimal(2),
              r.getBigDecimal(3),
              r.getBigDecimal(4),
              r.getBigDecimal(5),
              r.getInteger(6)));
    }
    return lines;
  }

  private List<String> read(Symbol symbol, BarInterval interval, Instant from, Instant to) {
    PgBarRepository repository =
        new PgBarRepository(store.pool, Clock.fixed(to.plus(Duration.ofDays(1)), ZoneOffset.UTC));
    List<String> lines = new ArrayList<>();
    for (Bar b :
        result(repository.bars(new BarQuery(symbol, PROVIDER, interval, from, to, 5000, NEW_YORK)))
            .bars()) {
      lines.add(line(b.start(), b.end(), b.open(), b.high(), b.low(), b.close(), b.count()));
    }
    return lines;
  }

  @Test
  void givenAFreshStore_close_startsAtTheCurrentBucketsWithoutBackfilling() {
    randomPoints(new Random(1), T0.minus(Duration.ofMinutes(30)), 30, 50);

    BarCloseReport report = close(closer, T0.plusSeconds(20));

    assertThat(report).isEqualTo(new BarCloseReport(false, 0));
    assertThat(store.count("bar_outbox")).isZero();
    assertThat(closedUntil(BarInterval.ONE_MINUTE)).isEqualTo(T0);
    assertThat(closedUntil(BarInterval.FIVE_MINUTES)).isEqualTo(T0);
    assertThat(closedUntil(BarInterval.FIFTEEN_MINUTES)).isEqualTo(DAY_START);
    assertThat(closedUntil(BarInterval.ONE_HOUR)).isEqualTo(DAY_START);
    assertThat(closedUntil(BarInterval.ONE_DAY)).isEqualTo(DAY_START);
  }

  @Test
  void givenAMinuteEnded_close_waitsForTheGraceThenEmitsItOnce() {
    close(closer, T0);
    insert(SYMBOLS.get(0), T0.plusSeconds(30), UUID.randomUUID(), new BigDecimal("10.5"));
    Instant end = T0.plusSeconds(60);

    assertThat(close(closer, end.plus(GRACE).minusMillis(1)).bars()).isZero();
    // A point quoted in the bucket that arrives within the grace still counts.
    insert(SYMBOLS.get(0), T0.plusSeconds(59), UUID.randomUUID(), new BigDecimal("11"));
    assertThat(close(closer, end.plus(GRACE)).bars()).isEqualTo(1);
    assertThat(closedUntil(BarInterval.ONE_MINUTE)).isEqualTo(end);
    assertThat(close(closer, end.plus(GRACE).plusSeconds(1)).bars()).isZero();

    assertThat(queued(SYMBOLS.get(0), BarInterval.ONE_MINUTE))
        .containsExactly(
            line(
                T0,
                end,
                new BigDecimal("10.5"),
                new BigDecimal("11"),
                new BigDecimal("10.5"),
                new BigDecimal("11"),
                2));
  }

  @Test
  void givenADayOfPoints_closedBars_equalTheBarsReadForEveryInterval() {
    close(closer, T0);
    Random random = new Random(17);
    randomPoints(random, T0, 60, 400);
    randomPoints(random, DAY_START.plus(Duration.ofHours(3)), 120, 400);
    randomPoints(random, DAY_END.minus(Duration.ofMinutes(20)), 20, 200);
    // A point outside any closed bucket yet: after the last close.
    insert(SYMBOLS.get(0), DAY_END.plusSeconds(61), UUID.randomUUID(), BigDecimal.ONE);

    Instant now = DAY_END.plus(Duration.ofMinutes(1)).plus(GRACE);
    for (int pass = 0; pass < 40; pass++) {
      close(closer, now);
    }

    assertThat(closedUntil(BarInterval.ONE_MINUTE)).isEqualTo(DAY_END.plusSeconds(60));
    assertThat(closedUntil(BarInterval.ONE_DAY)).isEqualTo(DAY_END);
    for (Symbol symbol : SYMBOLS) {
      for (BarInterval interval : BarInterval.values()) {
        Instant from = interval == BarInterval.ONE_MINUTE ? T0 : interval.ceil(T0, NEW_YORK);
        Instant to = interval == BarInterval.ONE_MINUTE ? DAY_END.plusSeconds(60) : DAY_END;
        assertThat(queued(symbol, interval))
            .as("%s %s", symbol, interval)
            .isNotEmpty()
            .containsExactlyElementsOf(read(symbol, interval, from, to));
      }
    }
    assertThat(queued(SYMBOLS.get(0), BarInterval.ONE_DAY)).hasSize(1);
  }

  @Test
  void givenTwoClosersAtOnce_eachBucketIsEmittedOnce() {
    close(closer, T0);
    randomPoints(new Random(3), T0, 30, 300);
    Pool other = store.newPool();
    try {
      PgBarCloser second = new PgBarCloser(other);
      List<CompletableFuture<BarCloseReport>> passes = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        Instant now = T0.plus(Duration.ofMinutes(3L * (i + 1))).plus(GRACE);
        passes.add(closer.close(now, GRACE, NEW_YORK).toCompletableFuture());
        passes.add(second.close(now, GRACE, NEW_YORK).toCompletableFuture());
      }
      int bars = 0;
      for (CompletableFuture<BarCloseReport> pass : passes) {
        bars += result(pass).bars();
      }
      // Passes that found the other closer at work skipped; one more closes what they left.
      bars += close(second, T0.plus(Duration.ofMinutes(30)).plus(GRACE)).bars();

      long rows = store.count("bar_outbox");
      assertThat(rows).isEqualTo(bars);
      assertThat(
              store
                  .query(
                      "SELECT count(*) FROM (SELECT DISTINCT \"interval\", bucket_start, symbol,"
                          + " provider FROM bar_outbox) d")
                  .get(0)
                  .getLong(0))
          .isEqualTo(rows);
      for (Symbol symbol : SYMBOLS) {
        assertThat(queued(symbol, BarInterval.ONE_MINUTE))
            .containsExactlyElementsOf(
                read(symbol, BarInterval.ONE_MINUTE, T0, T0.plus(Duration.ofMinutes(30))));
      }
    } finally {
      result(other.close().toCompletionStage());
    }
  }

  @Test
  void barOutboxIds_comeFromTheOutboxSequence() {
    close(closer, T0);
    insert(SYMBOLS.get(0), T0.plusSeconds(1), UUID.randomUUID(), BigDecimal.TEN);
    long before =
        store.query("SELECT nextval(pg_get_serial_sequence('outbox', 'id'))").get(0).getLong(0);
    close(closer, T0.plusSeconds(65));
    long id = store.query("SELECT id FROM bar_outbox").get(0).getLong(0);
    assertThat(id).isEqualTo(before + 1);
    assertThat(Tuple.of(id)).isNotNull();
  }

  /**
   * A minute of 2,000 points/s over 100 symbols (120,000 points): the closer finds them by the
   * quote_ts index, not by scanning the day, and writes one 1m bar per symbol. The time is logged
   * for the README, not asserted.
   */
  @Test
  void givenAMinuteAt2000PointsPerSecond_close_usesTheQuoteTimeIndexAndWritesOneBarPerSymbol() {
    close(closer, T0);
    store.execute(
        "INSERT INTO price_points (symbol, provider, price, quote_ts, fetched_at, raw_response_id)"
            + " SELECT 'S' || (g % 100), 'simulated', 100 + (g % 997) / 100.0,"
            + " TIMESTAMPTZ '2026-03-08 03:00:00Z' + (g % 86400) * interval '50 milliseconds',"
            + " now(), gen_random_uuid() FROM generate_series(0, 239999) g;"
            + " INSERT INTO price_points (symbol, provider, price, quote_ts, fetched_at,"
            + " raw_response_id) SELECT 'S' || (g % 100), 'simulated', 100 + (g % 991) / 100.0,"
            + " TIMESTAMPTZ '2026-03-08 04:55:00Z' + g * interval '500 microseconds', now(),"
            + " gen_random_uuid() FROM generate_series(0, 119999) g;"
            + " ANALYZE price_points");
    String plan =
        store
            .query(
                "EXPLAIN " + PgBarCloser.MINUTES.substring(PgBarCloser.MINUTES.indexOf("SELECT")),
                PgValues.timestamptz(T0),
                PgValues.timestamptz(T0.plusSeconds(60)))
            .stream()
            .map(r -> r.getString(0))
            .collect(Collectors.joining("\n"));
    assertThat(plan).contains("quote_ts_idx").doesNotContain("Seq Scan");

    long started = System.nanoTime();
    BarCloseReport report = close(closer, T0.plusSeconds(60).plus(GRACE));
    long millis = (System.nanoTime() - started) / 1_000_000;

    assertThat(report.bars()).isEqualTo(100);
    log.info("bar close of 120,000 points in one minute took {} ms", millis);
  }
}
