package dev.marketdata.adapter.persistence;

import static dev.marketdata.testsupport.Await.result;
import static dev.marketdata.testsupport.Samples.quote;
import static dev.marketdata.testsupport.Samples.uniqueSymbol;
import static java.time.ZoneOffset.UTC;
import static org.assertj.core.api.Assertions.assertThat;

import dev.marketdata.application.contract.MarketDataPorts;
import dev.marketdata.application.retention.MaintainStorageService;
import dev.marketdata.domain.model.FetchedQuote;
import dev.marketdata.domain.model.HistoryCursor;
import dev.marketdata.domain.model.HistoryPage;
import dev.marketdata.domain.model.HistoryQuery;
import dev.marketdata.domain.model.MaintenanceReport;
import dev.marketdata.domain.model.MovingAverage;
import dev.marketdata.domain.model.PricePoint;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.Quote;
import dev.marketdata.domain.model.RawResponse;
import dev.marketdata.domain.model.RetentionPolicy;
import dev.marketdata.domain.model.Symbol;
import dev.marketdata.testsupport.Await;
import dev.marketdata.testsupport.MutableClock;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The PostgreSQL side of retention: daily partitions created ahead and dropped whole, rows the
 * default partition took moved out, averages and history across a purge, the outbox purge in
 * batches, two processes maintaining at once, and reads that visit only the recent days.
 */
@ExtendWith(PgStoreExtension.class)
class PgPartitionRetentionIT {
  /** Noon of day D. */
  private static final Instant NOW = Instant.parse("2032-02-10T12:00:00Z");

  private static final Duration DAY = Duration.ofDays(1);
  private static final RetentionPolicy TWO_DAYS =
      new RetentionPolicy(Optional.of(Duration.ofDays(2)), Optional.of(Duration.ofDays(2)), keep());

  private final PgTestStore store;
  private MarketDataPorts ports;
  private MutableClock clock;

  PgPartitionRetentionIT(PgTestStore store) {
    this.store = store;
  }

  private static Optional<Duration> keep() {
    return Optional.empty();
  }

  @BeforeEach
  void emptyStoreWithNoDays() {
    ports = store.emptyPorts();
    store.dropDailyPartitions();
    clock = new MutableClock(NOW);
  }

  private MaintenanceReport maintain(RetentionPolicy policy) {
    return result(
        new MaintainStorageService(new PgStorageMaintenance(store.pool), policy, clock).maintain());
  }

  private FetchedQuote ingest(Symbol symbol, String price, Instant quoteTime) {
    FetchedQuote fetched = quote(symbol, ProviderId.FINNHUB, price, quoteTime, UUID.randomUUID());
    result(ports.ingestion().ingest(fetched));
    return fetched;
  }

  private String partitionOf(String table, UUID rawId) {
    String idColumn = table.equals("raw_market_data") ? "id" : "raw_response_id";
    return store
        .query(
            "SELECT tableoid::regclass::text FROM " + table + " WHERE " + idColumn + " = $1", rawId)
        .get(0)
        .getString(0);
  }

  @Test
  void givenNoDailyPartitions_maintain_createsTodayAndThreeDaysAheadOnce() {
    MaintenanceReport first = maintain(TWO_DAYS);
    MaintenanceReport second = maintain(TWO_DAYS);

    for (String table : List.of("raw_market_data", "price_points")) {
      assertThat(store.partitions(table))
          .containsExactly(
              table + "_default",
              table + "_p20320210",
              table + "_p20320211",
              table + "_p20320212",
              table + "_p20320213");
    }
    assertThat(first.partitionsCreated()).isEqualTo(8);
    assertThat(second.partitionsCreated()).isZero();
    assertThat(second.changedAnything()).isFalse();
  }

  @Test
  void givenRowsTheDefaultPartitionTookForADay_maintain_movesThemIntoThatDaysPartition() {
    Symbol symbol = uniqueSymbol();
    FetchedQuote early = ingest(symbol, "1.5", NOW.minusSeconds(60));
    assertThat(partitionOf("raw_market_data", early.raw().id()))
        .isEqualTo("raw_market_data_default");
    assertThat(partitionOf("price_points", early.raw().id())).isEqualTo("price_points_default");

    maintain(TWO_DAYS);

    assertThat(partitionOf("raw_market_data", early.raw().id()))
        .isEqualTo("raw_market_data_p20320210");
    assertThat(partitionOf("price_points", early.raw().id())).isEqualTo("price_points_p20320210");
    assertThat(store.count("raw_market_data")).isEqualTo(1);
    assertThat(result(ports.rawResponses().find(early.raw().id()))).contains(early.raw());
    assertThat(result(ports.pricePoints().latest(symbol, ProviderId.FINNHUB)))
        .map(PricePoint::rawResponseId)
        .contains(early.raw().id());
  }

  /**
   * The race CI met on a fresh database: maintenance attaches today's partition while an insert,
   * routed to the default partition by the partitions it had seen, waits for that partition's lock;
   * once the attach commits PostgreSQL refuses the row there ("violates partition constraint"), and
   * the ingest must try again instead of failing the request with a 500.
   */
  @Test
  void givenADayAttachedWhileAnInsertWaitsForTheDefaultPartition_ingest_storesTheQuoteInThatDay() {
    FetchedQuote fetched =
        quote(uniqueSymbol(), ProviderId.FINNHUB, "2.5", NOW.minusSeconds(60), UUID.randomUUID());
    Instant day = NOW.truncatedTo(ChronoUnit.DAYS);
    SqlConnection maintenance = result(store.pool.getConnection().toCompletionStage());
    try {
      result(maintenance.query("BEGIN").execute().toCompletionStage());
      for (String sql : new DailyPartitions("raw_market_data", "fetched_at").create(day)) {
        result(maintenance.query(sql).execute().toCompletionStage());
      }
      CompletableFuture<PricePoint> stored =
          ports.ingestion().ingest(fetched).toCompletableFuture();
      Await.until(
          "the insert waits for the default partition's lock",
          () ->
              !store
                  .query(
                      "SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                          + " AND query LIKE 'INSERT INTO raw_market_data%'")
                  .isEmpty());
      result(maintenance.query("COMMIT").execute().toCompletionStage());

      result(stored);
    } finally {
      maintenance.close();
    }

    assertThat(partitionOf("raw_market_data", fetched.raw().id()))
        .isEqualTo("raw_market_data_p20320210");
    assertThat(store.count("raw_market_data")).isEqualTo(1);
    assertThat(store.count("outbox")).isEqualTo(1);
  }

  @Test
  void givenAQuoteTimeFromNineteenSeventy_ingest_storesItAndHistoryFindsIt() {
    maintain(TWO_DAYS);
    Symbol symbol = uniqueSymbol();
    UUID rawId = UUID.randomUUID();
    byte[] body = "{\"c\":1,\"t\":0}".getBytes(StandardCharsets.UTF_8);
    FetchedQuote ancient =
        new FetchedQuote(
            new Quote(symbol, BigDecimal.ONE, Instant.EPOCH, NOW, ProviderId.FINNHUB),
            new RawResponse(rawId, ProviderId.FINNHUB, symbol, 200, body, "application/json", NOW));

    result(ports.ingestion().ingest(ancient));

    assertThat(partitionOf("price_points", rawId)).isEqualTo("price_points_default");
    assertThat(partitionOf("raw_market_data", rawId)).isEqualTo("raw_market_data_p20320210");
    assertThat(history(symbol, Optional.empty(), 10).prices())
        .extracting(PricePoint::timestamp)
        .containsExactly(Instant.EPOCH);
  }

  @Test
  void givenADayPastRetention_maintain_dropsItsPartitionsWholeAndKeepsTheNextDay() {
    maintain(TWO_DAYS);
    Symbol symbol = uniqueSymbol();
    FetchedQuote dayOne = ingest(symbol, "1", NOW.plus(Duration.ofHours(1)));
    FetchedQuote dayTwo = ingest(symbol, "2", NOW.plus(DAY).plus(Duration.ofHours(1)));

    clock.advance(DAY.multipliedBy(2).plus(Duration.ofHours(18))); // cutoff: 06:00 of day two
    MaintenanceReport report = maintain(TWO_DAYS);

    assertThat(report.partitionsDropped()).isEqualTo(2);
    assertThat(report.rowsDeleted()).isZero(); // dropped, not deleted
    assertThat(store.partitions("raw_market_data")).doesNotContain("raw_market_data_p20320210");
    assertThat(store.partitions("price_points"))
        .doesNotContain("price_points_p20320210")
        .contains("price_points_p20320211");
    assertThat(result(ports.rawResponses().find(dayOne.raw().id()))).isEmpty();
    assertThat(result(ports.rawResponses().find(dayTwo.raw().id()))).contains(dayTwo.raw());
    assertThat(history(symbol, Optional.empty(), 10).prices())
        .extracting(PricePoint::rawResponseId)
        .containsExactly(dayTwo.raw().id());
  }

  @Test
  void givenMaintainedAverages_purgingThePricesTheyCameFrom_leavesThemUnchanged() {
    maintain(TWO_DAYS);
    Symbol symbol = uniqueSymbol();
    List<PricePoint> points = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      FetchedQuote q = ingest(symbol, "10" + i, NOW.plusSeconds(i));
      points.add(PricePoint.of(q));
    }
    result(
        ports.movingAverages().apply(points.stream().map(PricePoint::toEvent).toList(), Set.of(5)));
    MovingAverage before =
        result(ports.movingAverages().find(symbol, ProviderId.FINNHUB, 5)).orElseThrow();

    clock.advance(DAY.multipliedBy(3));
    maintain(TWO_DAYS);

    assertThat(result(ports.pricePoints().newest(symbol, ProviderId.FINNHUB, 5))).isEmpty();
    assertThat(result(ports.movingAverages().find(symbol, ProviderId.FINNHUB, 5))).contains(before);
    assertThat(before.value()).isEqualByComparingTo("102");
    // The window still holds the five events, so a replayed one changes nothing.
    result(ports.movingAverages().apply(List.of(points.get(0).toEvent()), Set.of(5)));
    assertThat(result(ports.movingAverages().find(symbol, ProviderId.FINNHUB, 5))).contains(before);
  }

  @Test
  void givenACursorIntoHistory_purgingOlderDays_letsTheNextPagesEndWhereTheKeptRowsEnd() {
    maintain(TWO_DAYS);
    Symbol symbol = uniqueSymbol();
    for (int i = 0; i < 3; i++) {
      ingest(symbol, "1" + i, NOW.plusSeconds(i)); // day D
      ingest(symbol, "2" + i, NOW.plus(DAY).plusSeconds(i)); // day D + 1
    }
    HistoryPage first = history(symbol, Optional.empty(), 2);

    clock.advance(DAY.multipliedBy(2).plus(Duration.ofHours(18)));
    maintain(TWO_DAYS);
    HistoryPage second = history(symbol, first.next(), 2);

    assertThat(first.prices())
        .extracting(p -> p.price().toPlainString())
        .containsExactly("22", "21");
    assertThat(second.prices()).extracting(p -> p.price().toPlainString()).containsExactly("20");
    assertThat(second.next()).isEmpty();
  }

  @Test
  void givenMorePublishedRowsThanOnePassDeletes_maintain_reportsABacklogThatTheNextPassClears() {
    Symbol symbol = uniqueSymbol();
    for (int i = 0; i < 11; i++) {
      ingest(symbol, "1" + i, NOW.minusSeconds(100 - i));
    }
    // Ten published (written now, years before NOW), the eleventh waiting.
    store.publishedUpTo("outbox", result(ports.outbox().unpublished(10)).get(9).id());
    RetentionPolicy hour = new RetentionPolicy(keep(), keep(), Optional.of(Duration.ofHours(1)));
    PgStorageMaintenance smallBatches = new PgStorageMaintenance(store.pool, 3, 2);

    MaintenanceReport first = result(smallBatches.maintain(hour, NOW));
    MaintenanceReport second = result(smallBatches.maintain(hour, NOW));

    assertThat(first.rowsDeleted()).isEqualTo(6);
    assertThat(first.backlog()).isTrue();
    assertThat(second.rowsDeleted()).isEqualTo(4);
    assertThat(second.backlog()).isFalse();
    assertThat(store.count("outbox")).isEqualTo(1);
    assertThat(result(ports.outbox().depth())).isEqualTo(1L);
  }

  @Test
  void givenTwoProcessesMaintainingAtOnce_everyPassSucceedsAndEachDayIsCreatedOnce() {
    Pool other = store.newPool();
    try {
      List<PgStorageMaintenance> processes =
          List.of(new PgStorageMaintenance(store.pool), new PgStorageMaintenance(other));
      List<CompletableFuture<MaintenanceReport>> passes =
          IntStream.range(0, 10)
              .mapToObj(i -> processes.get(i % 2).maintain(TWO_DAYS, NOW).toCompletableFuture())
              .toList();

      List<MaintenanceReport> reports = passes.stream().map(f -> result(f)).toList();

      assertThat(reports.stream().mapToInt(MaintenanceReport::partitionsCreated).sum())
          .isEqualTo(8);
      assertThat(store.partitions("price_points")).hasSize(5);
      assertThat(store.partitions("raw_market_data")).hasSize(5);
    } finally {
      result(other.close().toCompletionStage());
    }
  }

  @Test
  void givenSixWeeksOfDailyPartitions_reads_visitOnlyTheRecentDaysWhenTheyAreEnough() {
    for (int d = 41; d >= 0; d--) {
      result(
          new PgStorageMaintenance(store.pool)
              .maintain(RetentionPolicy.KEEP_FOREVER, NOW.minus(DAY.multipliedBy(d))));
    }
    Symbol symbol = uniqueSymbol();
    for (int d = 41; d >= 0; d--) {
      ingest(symbol, "1" + d, NOW.minus(DAY.multipliedBy(d)));
    }
    assertThat(store.partitions("price_points")).hasSizeGreaterThan(45);
    PgPricePointRepository points = new PgPricePointRepository(store.pool, clock);
    Instant recent =
        NOW.truncatedTo(ChronoUnit.DAYS)
            .minus(DAY.multipliedBy(PgPricePointRepository.RECENT_DAYS));

    String plan =
        store
            .query(
                "EXPLAIN " + PgPricePointRepository.HISTORY_FIRST_PAGE,
                symbol.value(),
                "finnhub",
                recent.atOffset(UTC),
                HistoryQuery.LATEST.atOffset(UTC),
                1)
            .stream()
            .map(r -> r.getString(0))
            .collect(Collectors.joining("\n"));
    long visited = plan.lines().filter(l -> l.contains(" on price_points_")).count();

    // Seven days back, today, three ahead and the default partition.
    assertThat(visited).isEqualTo(PgPricePointRepository.RECENT_DAYS + 1 + 3 + 1);
    List<String> newestFirst =
        store
            .query(
                "SELECT raw_response_id::text FROM price_points WHERE symbol = $1"
                    + " ORDER BY quote_ts DESC, raw_response_id DESC",
                symbol.value())
            .stream()
            .map(r -> r.getString(0))
            .toList();
    assertThat(result(points.latest(symbol, ProviderId.FINNHUB)))
        .map(p -> p.rawResponseId().toString())
        .contains(newestFirst.get(0));
    // Twenty rows: eight in the first window (the last week and after), the rest from the next.
    assertThat(result(points.newest(symbol, ProviderId.FINNHUB, 20)))
        .extracting(p -> p.rawResponseId().toString())
        .containsExactlyElementsOf(newestFirst.subList(0, 20));
    List<String> paged = new ArrayList<>();
    Optional<HistoryCursor> after = Optional.empty();
    do {
      HistoryPage page =
          result(
              points.history(
                  new HistoryQuery(
                      symbol,
                      ProviderId.FINNHUB,
                      HistoryQuery.EARLIEST,
                      HistoryQuery.LATEST,
                      3,
                      after)));
      page.prices().forEach(p -> paged.add(p.rawResponseId().toString()));
      after = page.next();
    } while (after.isPresent());
    assertThat(paged).containsExactlyElementsOf(newestFirst);
    // A page deep in the past visits the week before its cursor, not the days after it.
    Instant cursorTime = NOW.minus(DAY.multipliedBy(30));
    String deepPlan =
        store
            .query(
                "EXPLAIN " + PgPricePointRepository.HISTORY_AFTER_CURSOR,
                symbol.value(),
                "finnhub",
                cursorTime.truncatedTo(ChronoUnit.DAYS).minus(DAY.multipliedBy(7)).atOffset(UTC),
                HistoryQuery.LATEST.atOffset(UTC),
                3,
                cursorTime.atOffset(UTC),
                UUID.randomUUID())
            .stream()
            .map(r -> r.getString(0))
            .collect(Collectors.joining("\n"));
    assertThat(deepPlan.lines().filter(l -> l.contains(" on price_points_")).count()).isEqualTo(8);
    // A window of the past, and a symbol with no prices at all (every window is searched).
    List<String> window =
        result(
                points.history(
                    new HistoryQuery(
                        symbol,
                        ProviderId.FINNHUB,
                        NOW.minus(DAY.multipliedBy(20)),
                        NOW.minus(DAY.multipliedBy(10)),
                        100,
                        Optional.empty())))
            .prices()
            .stream()
            .map(p -> p.rawResponseId().toString())
            .toList();
    assertThat(window).containsExactlyElementsOf(newestFirst.subList(11, 21));
    assertThat(result(points.latest(uniqueSymbol(), ProviderId.FINNHUB))).isEmpty();
  }

  private HistoryPage history(Symbol symbol, Optional<HistoryCursor> after, int limit) {
    return result(
        new PgPricePointRepository(store.pool, clock)
            .history(
                new HistoryQuery(
                    symbol,
                    ProviderId.FINNHUB,
                    HistoryQuery.EARLIEST,
                    HistoryQuery.LATEST,
                    limit,
                    after)));
  }
}
