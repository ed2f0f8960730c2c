package dev.marketdata.adapter.persistence;

import static dev.marketdata.testsupport.Await.result;
import static dev.marketdata.testsupport.Samples.T0;
import static dev.marketdata.testsupport.Samples.quote;
import static org.assertj.core.api.Assertions.assertThat;

import dev.marketdata.application.contract.MarketDataPorts;
import dev.marketdata.domain.model.Bar;
import dev.marketdata.domain.model.BarInterval;
import dev.marketdata.domain.model.LiveBatch;
import dev.marketdata.domain.model.LiveEvent;
import dev.marketdata.domain.model.LiveFrontier;
import dev.marketdata.domain.model.MovingAverage;
import dev.marketdata.domain.model.PriceEvent;
import dev.marketdata.domain.model.PricePoint;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.RetentionPolicy;
import dev.marketdata.domain.model.Symbol;
import dev.marketdata.domain.model.TraceContext;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.vertx.sqlclient.SqlConnection;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link PgLiveEventLog}: stored prices and committed averages, written by the real ingest and
 * averages transactions, read back as one log in the order of the ids they drew from one sequence.
 */
@ExtendWith(PgStoreExtension.class)
class PgLiveEventLogIT {
  private static final Symbol AAPL = Symbol.of("AAPL");
  private static final Symbol MSFT = Symbol.of("MSFT");
  private static final Symbol NVDA = Symbol.of("NVDA");
  private static final Duration WINDOW = Duration.ofMinutes(15);

  private static PgTestStore store;
  private MarketDataPorts ports;
  private PgLiveEventLog log;

  @BeforeAll
  static void start(PgTestStore shared) {
    store = shared;
  }

  @BeforeEach
  void empty() {
    ports = store.emptyPorts();
    log = new PgLiveEventLog(store.pool);
  }

  @Test
  void givenPricesAndAveragesWrittenInTurn_readAfter_returnsBothInOneIdOrder() {
    PricePoint p1 = ingest(AAPL, "100", T0);
    List<MovingAverage> a1 = average(p1);
    PricePoint p2 = ingest(AAPL, "102", T0.plusSeconds(1));
    PricePoint p3 = ingest(MSFT, "300", T0.plusSeconds(1));
    List<MovingAverage> a2 = average(p2);

    LiveBatch batch = result(log.readAfter(0, 100));

    assertThat(batch.events()).extracting(LiveEvent::id).containsExactly(1L, 2L, 3L, 4L, 5L);
    assertThat(batch.events())
        .extracting(e -> e.isPrice() ? (Object) e.price() : e.average())
        .containsExactly(event(p1), a1.get(0), event(p2), event(p3), a2.get(0));
    assertThat(idsIn("outbox")).containsExactly(1L, 3L, 4L);
    assertThat(idsIn("average_outbox")).containsExactly(2L, 5L);
    assertThat(batch.snapshotXmin()).isPositive().isLessThanOrEqualTo(batch.snapshotXmax());
    assertThat(result(log.readAfter(2, 2)).events())
        .extracting(LiveEvent::id)
        .containsExactly(3L, 4L);
    assertThat(result(log.readAfter(5, 2)).events()).isEmpty();
  }

  @Test
  void givenATracedAndAnUntracedPrice_readAfter_recordsALiveFeedSpanInTheTracedOnesTrace() {
    String stored = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    InMemorySpanExporter spans = InMemorySpanExporter.create();
    PgLiveEventLog traced =
        new PgLiveEventLog(
            store.pool,
            SdkTracerProvider.builder()
                .addSpanProcessor(SimpleSpanProcessor.create(spans))
                .build()
                .get("test"));
    result(
        ports
            .ingestion()
            .ingest(quote(AAPL, "100", T0).withTrace(TraceContext.lenient(stored, null))));
    ingest(MSFT, "300", T0);

    assertThat(result(traced.readAfter(0, 100)).events()).hasSize(2);

    assertThat(spans.getFinishedSpanItems())
        .singleElement()
        .satisfies(
            span -> {
              assertThat(span.getName()).isEqualTo("live feed read");
              assertThat(span.getTraceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
              assertThat(span.getParentSpanId()).isEqualTo("00f067aa0ba902b7");
            });
  }

  @Test
  void givenATracedAverage_readAfter_recordsALiveFeedSpanInItsPricesTrace() {
    InMemorySpanExporter spans = InMemorySpanExporter.create();
    PgLiveEventLog traced =
        new PgLiveEventLog(
            store.pool,
            SdkTracerProvider.builder()
                .addSpanProcessor(SimpleSpanProcessor.create(spans))
                .build()
                .get("test"));
    PriceEvent price = event(ingest(AAPL, "100", T0));
    store.execute("DELETE FROM outbox"); // the price's own (untraced) row: only the average is read
    result(
        ports
            .movingAverages()
            .apply(
                List.of(price),
                Set.of(5),
                Map.of(
                    price.eventId(),
                    TraceContext.lenient(
                        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", null))));

    assertThat(result(traced.readAfter(0, 100)).events())
        .singleElement()
        .matches(e -> e.isAverage());

    assertThat(spans.getFinishedSpanItems())
        .singleElement()
        .satisfies(
            span -> {
              assertThat(span.getName()).isEqualTo("live feed read");
              assertThat(span.getTraceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
              assertThat(span.getParentSpanId()).isEqualTo("00f067aa0ba902b7");
            });
  }

  @Test
  void givenAClosedBar_readAfterAndReplay_returnItInTheSameIdOrder() {
    PgBarCloser closer = new PgBarCloser(store.pool);
    Instant minute = BarInterval.ONE_MINUTE.bucketStart(T0, ZoneOffset.UTC);
    result(closer.close(minute, Duration.ZERO, ZoneOffset.UTC));
    PricePoint p1 = ingest(AAPL, "100", minute.plusSeconds(1));
    PricePoint p2 = ingest(AAPL, "102", minute.plusSeconds(2));
    ingest(NVDA, "500", minute.plusSeconds(3));
    result(closer.close(minute.plusSeconds(60), Duration.ZERO, ZoneOffset.UTC));
    PricePoint p3 = ingest(AAPL, "103", minute.plusSeconds(61));

    LiveBatch batch = result(log.readAfter(0, 100));

    assertThat(batch.events()).extracting(LiveEvent::id).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
    List<LiveEvent> bars = batch.events().stream().filter(LiveEvent::isBar).toList();
    assertThat(bars).extracting(LiveEvent::id).containsExactly(4L, 5L);
    Bar aapl =
        new Bar(
            AAPL,
            p1.provider(),
            BarInterval.ONE_MINUTE,
            minute,
            minute.plusSeconds(60),
            new BigDecimal("100"),
            new BigDecimal("102"),
            new BigDecimal("100"),
            new BigDecimal("102"),
            2,
            true);
    assertThat(bars.get(0).bar()).usingRecursiveComparison().isEqualTo(aapl);
    assertThat(bars.get(1).symbol()).isEqualTo(NVDA);
    assertThat(idsIn("bar_outbox")).containsExactly(4L, 5L);
    assertThat(result(log.head())).isEqualTo(6L);
    assertThat(result(log.resumable(4, WINDOW))).isTrue();

    List<LiveEvent> replayed = result(log.replay(0, 6, Set.of(AAPL), p1.provider(), 100));
    assertThat(replayed).extracting(LiveEvent::id).containsExactly(1L, 2L, 4L, 6L);
    assertThat(replayed.get(2).bar()).usingRecursiveComparison().isEqualTo(aapl);
    assertThat(replayed.get(3).price()).isEqualTo(event(p3));
    assertThat(p2).isNotNull();
  }

  @Test
  void givenNoEvents_readAfter_returnsTheSnapshotBoundsAlone() {
    LiveBatch batch = result(log.readAfter(0, 10));

    assertThat(batch.events()).isEmpty();
    assertThat(batch.snapshotXmin()).isPositive().isLessThanOrEqualTo(batch.snapshotXmax());
  }

  @Test
  void givenACommittedWriter_readAfter_boundsAreAboveItsXid() {
    long xid = store.query("SELECT pg_current_xact_id()::text::bigint").get(0).getLong(0);

    LiveBatch batch = result(log.readAfter(0, 10));

    assertThat(batch.snapshotXmin()).isGreaterThan(xid);
    assertThat(batch.snapshotXmax()).isGreaterThan(xid);
  }

  @Test
  void givenSeveralSymbolsAndProviders_replay_returnsOnlyTheAskedOnesInTheRange() {
    PricePoint before = ingest(AAPL, "99", T0);
    ingest(NVDA, "500", T0);
    PricePoint aapl = ingest(AAPL, "100", T0.plusSeconds(1));
    List<MovingAverage> aaplAverage = average(aapl);
    ingest(NVDA, "501", T0.plusSeconds(1));
    result(
        ports
            .ingestion()
            .ingest(
                quote(MSFT, ProviderId.SIMULATED, "300", T0.plusSeconds(1), UUID.randomUUID())));
    PricePoint msft = ingest(MSFT, "301", T0.plusSeconds(2));
    PricePoint beyond = ingest(AAPL, "103", T0.plusSeconds(3));
    long after = idOf(before);
    long upTo = idOf(msft);

    List<LiveEvent> replayed =
        result(log.replay(after, upTo, Set.of(AAPL, MSFT), ProviderId.FINNHUB, 100));

    assertThat(replayed)
        .extracting(e -> e.isPrice() ? (Object) e.price() : e.average())
        .containsExactly(event(aapl), aaplAverage.get(0), event(msft));
    assertThat(replayed)
        .extracting(LiveEvent::id)
        .isSorted()
        .allMatch(id -> id > after && id <= upTo);
    assertThat(result(log.replay(after, upTo, Set.of(AAPL, MSFT), ProviderId.FINNHUB, 2)))
        .extracting(LiveEvent::id)
        .containsExactly(replayed.get(0).id(), replayed.get(1).id());
    assertThat(result(log.replay(upTo, idOf(beyond), Set.of(NVDA), ProviderId.FINNHUB, 100)))
        .isEmpty();
  }

  @Test
  void givenManyRows_replayOverARange_walksThePrimaryKeysNotTheTables() {
    store.execute(
        "INSERT INTO outbox (raw_response_id, symbol, provider, price, quote_ts)"
            + " SELECT gen_random_uuid(), 'S' || (g % 40), 'finnhub', 100 + g, now()"
            + " FROM generate_series(1, 4000) g;"
            + " INSERT INTO average_outbox (symbol, provider, window_size, value, sample_count,"
            + " as_of) SELECT 'S' || (g % 40), 'finnhub', 5, 100 + g, 5, now()"
            + " FROM generate_series(1, 4000) g;"
            + " INSERT INTO bar_outbox (symbol, provider, \"interval\", bucket_start, bucket_end,"
            + " open, high, low, close, count) SELECT 'S' || (g % 40), 'finnhub', '1m',"
            + " TIMESTAMPTZ '2026-01-01Z' + g * interval '1 minute',"
            + " TIMESTAMPTZ '2026-01-01Z' + (g + 1) * interval '1 minute', 1, 1, 1, 1, 1"
            + " FROM generate_series(1, 4000) g;"
            + " ANALYZE outbox; ANALYZE average_outbox; ANALYZE bar_outbox");

    String plan =
        store
            .query(
                "EXPLAIN " + PgLiveEventLog.REPLAY,
                5000L,
                5400L,
                new String[] {"S1", "S2"},
                "finnhub",
                1000)
            .stream()
            .map(r -> r.getString(0))
            .collect(Collectors.joining("\n"));

    assertThat(plan)
        .contains(
            "Index Scan using outbox_pkey",
            "Index Scan using average_outbox_pkey",
            "Index Scan using bar_outbox_pkey")
        .doesNotContain("Seq Scan");
  }

  @Test
  void givenAStoredRecentEvent_resumable_isTrueForPricesAndAverages() {
    PricePoint price = ingest(AAPL, "100", T0);
    average(price);

    assertThat(result(log.resumable(1, WINDOW))).isTrue();
    assertThat(result(log.resumable(2, WINDOW))).isTrue();
  }

  @Test
  void givenAnOldDeletedOrUnknownEvent_resumable_isFalse() {
    PricePoint price = ingest(AAPL, "100", T0);
    average(price);
    ingest(AAPL, "101", T0.plusSeconds(1));
    store.execute("UPDATE outbox SET created_at = now() - interval '16 minutes' WHERE id = 1");
    store.execute("UPDATE average_outbox SET created_at = now() - interval '16 minutes'");
    store.execute("UPDATE outbox SET created_at = now() - interval '2 days' WHERE id = 3");
    store.publishedUpTo("outbox", 3);
    result(
        ports
            .maintenance()
            .maintain(
                new RetentionPolicy(
                    Optional.empty(), Optional.empty(), Optional.of(Duration.ofDays(1))),
                Instant.now()));

    assertThat(store.count("outbox")).isEqualTo(1);
    assertThat(result(log.resumable(1, WINDOW))).as("written 16 minutes ago").isFalse();
    assertThat(result(log.resumable(2, WINDOW))).as("average written 16 minutes ago").isFalse();
    assertThat(result(log.resumable(1, Duration.ofMinutes(20)))).as("within 20 minutes").isTrue();
    assertThat(result(log.resumable(3, WINDOW))).as("deleted").isFalse();
    assertThat(result(log.resumable(99, WINDOW))).as("never written").isFalse();
  }

  @Test
  void head_isTheHighestIdOfEitherTable() {
    assertThat(result(log.head())).isZero();

    PricePoint price = ingest(AAPL, "100", T0);
    assertThat(result(log.head())).isEqualTo(1L);
    average(price);
    assertThat(result(log.head())).isEqualTo(2L);
    ingest(AAPL, "101", T0.plusSeconds(1));
    assertThat(result(log.head())).isEqualTo(3L);
  }

  @Test
  void frontier_isTheHighestIdOfEveryTable_withTheBoundsOfTheSameSnapshot() {
    LiveFrontier empty = result(log.frontier());
    assertThat(empty.maxId()).isZero();
    assertThat(empty.snapshotXmin()).isPositive().isLessThanOrEqualTo(empty.snapshotXmax());

    average(ingest(AAPL, "100", T0));
    assertThat(result(log.frontier()).maxId()).isEqualTo(2L);
    ingest(MSFT, "300", T0);
    assertThat(result(log.frontier()).maxId()).isEqualTo(3L);
  }

  @Test
  void givenAnOpenWriter_frontier_isNotFinalUntilItEnds() {
    SqlConnection writer = result(store.pool.getConnection().toCompletionStage());
    try {
      result(writer.query("BEGIN").execute().toCompletionStage());
      long xid =
          result(
                  writer
                      .query("SELECT pg_current_xact_id()::text::bigint")
                      .execute()
                      .toCompletionStage())
              .iterator()
              .next()
              .getLong(0);
      ingest(AAPL, "100", T0);

      LiveFrontier seen = result(log.frontier());
      assertThat(seen.maxId()).isEqualTo(1L);
      assertThat(seen.snapshotXmin()).as("the open writer holds xmin").isLessThanOrEqualTo(xid);
      assertThat(seen.snapshotXmax()).isGreaterThan(xid);
      assertThat(result(log.frontier()).snapshotXmin())
          .as("not final while it is open")
          .isLessThan(seen.snapshotXmax());

      result(writer.query("COMMIT").execute().toCompletionStage());
      assertThat(result(log.frontier()).snapshotXmin())
          .as("final once it ended")
          .isGreaterThanOrEqualTo(seen.snapshotXmax());
    } finally {
      writer.close();
    }
  }

  private PricePoint ingest(Symbol symbol, String price, Instant at) {
    return result(ports.ingestion().ingest(quote(symbol, price, at)));
  }

  /** The averages the consumer would write for this price: one window size, one row. */
  private List<MovingAverage> average(PricePoint point) {
    return result(ports.movingAverages().apply(List.of(event(point)), Set.of(5)));
  }

  private static PriceEvent event(PricePoint p) {
    return new PriceEvent(p.symbol(), p.price(), p.timestamp(), p.provider(), p.rawResponseId());
  }

  private static long idOf(PricePoint p) {
    return store
        .query("SELECT id FROM outbox WHERE raw_response_id = $1", p.rawResponseId())
        .get(0)
        .getLong(0);
  }

  private static List<Long> idsIn(String table) {
    return store.query("SELECT id FROM " + table + " ORDER BY id").stream()
        .map(r -> r.getLong(0))
        .toList();
  }
}
