package dev.marketdata.adapter.persistence;

import static dev.marketdata.testsupport.Await.result;
import static dev.marketdata.testsupport.Samples.T0;
import static dev.marketdata.testsupport.Samples.quote;
import static dev.marketdata.testsupport.Samples.quoteFetchedAt;
import static dev.marketdata.testsupport.Samples.uniqueSymbol;
import static org.assertj.core.api.Assertions.assertThat;

import dev.marketdata.domain.average.MovingAverageCalculator;
import dev.marketdata.domain.model.Bar;
import dev.marketdata.domain.model.BarInterval;
import dev.marketdata.domain.model.BarQuery;
import dev.marketdata.domain.model.FetchedQuote;
import dev.marketdata.domain.model.PricePoint;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.Symbol;
import dev.marketdata.domain.port.IngestionRepository;
import dev.marketdata.domain.quality.QualityRules;
import io.vertx.sqlclient.Pool;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The same-quote rule against real PostgreSQL: N replicas, coalesced batches, averages. */
@ExtendWith(PgStoreExtension.class)
class PgDataQualityIT {
  private static PgTestStore store;

  @BeforeAll
  static void start(PgTestStore shared) {
    store = shared;
  }

  @Test
  void givenTwoReplicasIngestingTheSameQuoteAtOnce_ingest_storesOnePointAndOneEvent()
      throws Exception {
    store.emptyPorts();
    Symbol symbol = uniqueSymbol();
    Symbol other = uniqueSymbol();
    Pool poolA = store.newPool();
    Pool poolB = store.newPool();
    int replicas = 8;
    int rounds = 10;
    List<UUID> answered = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService threads = Executors.newFixedThreadPool(replicas);
    try {
      List<Future<Void>> running = new ArrayList<>();
      for (int r = 0; r < replicas; r++) {
        IngestionRepository repo = new PgIngestionRepository(r % 2 == 0 ? poolA : poolB);
        boolean reversed = r % 3 == 0;
        Callable<Void> replica =
            () -> {
              go.await(30, TimeUnit.SECONDS);
              for (int i = 0; i < rounds; i++) {
                FetchedQuote same = quote(symbol, "187.42", T0);
                FetchedQuote second = quote(other, "10", T0);
                // Batches name the two pairs in both orders: the locks are still taken in one.
                List<FetchedQuote> batch = reversed ? List.of(second, same) : List.of(same, second);
                List<PricePoint> stored = result(repo.ingestAll(batch));
                answered.add(stored.get(reversed ? 1 : 0).rawResponseId());
              }
              return null;
            };
        running.add(threads.submit(replica));
      }
      go.countDown();
      for (Future<Void> f : running) {
        f.get(120, TimeUnit.SECONDS);
      }
    } finally {
      threads.shutdownNow();
      result(poolA.close().toCompletionStage());
      result(poolB.close().toCompletionStage());
    }

    int fetches = replicas * rounds;
    assertThat(store.count("raw_market_data")).isEqualTo(2L * fetches);
    assertThat(store.count("price_points")).isEqualTo(2L);
    assertThat(store.count("outbox")).isEqualTo(2L);
    Set<UUID> distinct = new HashSet<>(answered);
    assertThat(distinct).hasSize(1);
    assertThat(result(new PgPricePointRepository(store.pool).latest(symbol, ProviderId.FINNHUB)))
        .map(PricePoint::rawResponseId)
        .contains(distinct.iterator().next());
  }

  @Test
  void givenThreeRepollsOfAnUnchangedQuote_theLastFivePrices_stayFiveDistinctQuotes() {
    Symbol symbol = uniqueSymbol();
    IngestionRepository ingestion = new PgIngestionRepository(store.pool);
    String[] prices = {"100", "101", "99", "102", "98"};
    for (int i = 0; i < prices.length; i++) {
      result(ingestion.ingest(quote(symbol, prices[i], T0.plusSeconds(60L * i))));
    }
    for (int i = 1; i <= 3; i++) {
      result(
          ingestion.ingest(
              quoteFetchedAt(symbol, "98", T0.plusSeconds(240), T0.plusSeconds(240 + 60L * i))));
    }

    List<BigDecimal> lastFive =
        result(new PgPricePointRepository(store.pool).newest(symbol, ProviderId.FINNHUB, 5))
            .stream()
            .map(PricePoint::price)
            .toList();

    // Before ADR 0014 the re-polls were three more points: 102, 98, 98, 98, 98 averaged 98.8.
    assertThat(MovingAverageCalculator.ofWindow(5).average(lastFive).value())
        .isEqualByComparingTo("100");
  }

  @Test
  void givenASuspectPrice_bars_leaveItOutUnlessTheSettingsIncludeIt() {
    Symbol symbol = uniqueSymbol();
    IngestionRepository ingestion = new PgIngestionRepository(store.pool);
    Instant minute = Instant.parse("2024-03-01T14:30:00Z");
    result(ingestion.ingest(quote(symbol, "100", minute.plusSeconds(1))));
    PricePoint spike = result(ingestion.ingest(quote(symbol, "150", minute.plusSeconds(2))));
    assertThat(spike.suspect()).isTrue();
    BarQuery query =
        new BarQuery(
            symbol,
            ProviderId.FINNHUB,
            BarInterval.ONE_MINUTE,
            minute,
            minute.plusSeconds(60),
            10,
            ZoneOffset.UTC);
    Clock later = Clock.fixed(minute.plusSeconds(3600), ZoneOffset.UTC);
    QualityRules including =
        new QualityRules(
            QualityRules.DEFAULT_OUTLIER_PERCENT,
            QualityRules.DEFAULT_OUTLIER_WINDOW,
            true,
            QualityRules.DEFAULT_STALE_AFTER);

    Bar without = result(new PgBarRepository(store.pool, later).bars(query)).bars().get(0);
    Bar with = result(new PgBarRepository(store.pool, later, including).bars(query)).bars().get(0);

    assertThat(without.high()).isEqualByComparingTo("100");
    assertThat(without.count()).isEqualTo(1);
    assertThat(with.high()).isEqualByComparingTo("150");
    assertThat(with.count()).isEqualTo(2);
  }

  @Test
  void givenASuspectPrice_theBarCloser_leavesItOutOfTheClosedBar() {
    store.emptyPorts();
    Symbol symbol = uniqueSymbol();
    IngestionRepository ingestion = new PgIngestionRepository(store.pool);
    Instant minute = Instant.parse("2024-03-01T14:30:00Z");
    PgBarCloser closer = new PgBarCloser(store.pool);
    // The first pass only sets the watermarks at the current minute (ADR 0013).
    result(closer.close(minute, Duration.ofSeconds(5), ZoneOffset.UTC));
    result(ingestion.ingest(quote(symbol, "100", minute.plusSeconds(1))));
    assertThat(result(ingestion.ingest(quote(symbol, "150", minute.plusSeconds(2)))).suspect())
        .isTrue();

    result(closer.close(minute.plusSeconds(120), Duration.ofSeconds(5), ZoneOffset.UTC));

    List<io.vertx.sqlclient.Row> bars =
        store.query(
            "SELECT high, count FROM bar_outbox WHERE symbol = $1 AND \"interval\" = '1m'",
            symbol.value());
    assertThat(bars).hasSize(1);
    assertThat(bars.get(0).getBigDecimal("high")).isEqualByComparingTo("100");
    assertThat(bars.get(0).getInteger("count")).isEqualTo(1);
  }
}
