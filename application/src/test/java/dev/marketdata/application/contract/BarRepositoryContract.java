package dev.marketdata.application.contract;

import static dev.marketdata.testsupport.Await.result;
import static dev.marketdata.testsupport.Samples.quote;
import static org.assertj.core.api.Assertions.assertThat;

import dev.marketdata.domain.model.Bar;
import dev.marketdata.domain.model.BarInterval;
import dev.marketdata.domain.model.BarPage;
import dev.marketdata.domain.model.BarQuery;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.Symbol;
import dev.marketdata.domain.port.BarRepository;
import dev.marketdata.domain.quality.QualityRules;
import dev.marketdata.testsupport.Samples;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@code BarRepository} promises: each bar is its bucket's points in {@code
 * PriceEvent.ORDER}, whatever order they were stored in; the most recent {@code limit} bars of the
 * range, oldest first, and a cursor that reaches every older one exactly once.
 */
public abstract class BarRepositoryContract {
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  private static final Instant MINUTE = Instant.parse("2024-03-01T14:30:00Z");
  private static final Instant LATER = Instant.parse("2024-04-01T00:00:00Z");

  /**
   * Rules under which no price is suspect: these tests put far-apart prices in one minute to check
   * the order of open and close, which the outlier rule (ADR 0014) would otherwise keep out.
   */
  protected static final QualityRules NO_OUTLIERS =
      new QualityRules(
          QualityRules.DEFAULT_OUTLIER_PERCENT,
          java.time.Duration.ZERO,
          false,
          QualityRules.DEFAULT_STALE_AFTER);

  protected MarketDataPorts ports;

  protected abstract MarketDataPorts emptyStore();

  protected abstract BarRepository bars(MarketDataPorts ports, Clock clock);

  @BeforeEach
  void createStore() {
    ports = emptyStore();
  }

  private void ingest(Symbol symbol, String price, Instant at, UUID rawId) {
    result(ports.ingestion().ingest(quote(symbol, ProviderId.FINNHUB, price, at, rawId)));
  }

  private BarPage read(Symbol symbol, Instant from, Instant to, int limit, Instant now) {
    return result(
        bars(ports, Clock.fixed(now, ZoneOffset.UTC))
            .bars(
                new BarQuery(
                    symbol,
                    ProviderId.FINNHUB,
                    BarInterval.ONE_MINUTE,
                    from,
                    to,
                    limit,
                    NEW_YORK)));
  }

  @Test
  void givenTiesOnQuoteTime_aBar_opensAndClosesInRawResponseIdOrder() {
    Symbol symbol = Samples.uniqueSymbol();
    Instant t = MINUTE.plusSeconds(10);
    // As unsigned bytes (PostgreSQL's uuid order) 0000... < 7fff... < ffff...; stored out of order.
    ingest(symbol, "3.00", t, UUID.fromString("ffffffff-ffff-7fff-bfff-ffffffffffff"));
    ingest(symbol, "1.00", t, UUID.fromString("00000000-0000-7000-8000-000000000001"));
    ingest(symbol, "9.50", MINUTE.plusSeconds(5), UUID.randomUUID());
    ingest(symbol, "2.00", t, UUID.fromString("7fffffff-ffff-7fff-bfff-ffffffffffff"));
    ingest(symbol, "0.50", MINUTE.plusSeconds(59), UUID.randomUUID());

    List<Bar> bars = read(symbol, MINUTE, MINUTE.plusSeconds(60), 10, LATER).bars();

    assertThat(bars).hasSize(1);
    Bar bar = bars.get(0);
    assertThat(bar.start()).isEqualTo(MINUTE);
    assertThat(bar.end()).isEqualTo(MINUTE.plusSeconds(60));
    assertThat(bar.open()).isEqualByComparingTo("9.50");
    assertThat(bar.high()).isEqualByComparingTo("9.50");
    assertThat(bar.low()).isEqualByComparingTo("0.50");
    assertThat(bar.close()).isEqualByComparingTo("0.50");
    assertThat(bar.count()).isEqualTo(5);
    assertThat(bar.complete()).isTrue();

    // Signed comparison (java.util.UUID#compareTo) would open with 3.00 among the ties: the
    // ffff... id is negative as a long.
    assertThat(read(symbol, MINUTE, MINUTE.plusSeconds(60), 10, LATER).bars()).isEqualTo(bars);
  }

  @Test
  void givenTiesAtTheEdges_openAndClose_followTheRawResponseId() {
    Symbol symbol = Samples.uniqueSymbol();
    ingest(symbol, "5", MINUTE, UUID.fromString("ffffffff-0000-7000-8000-000000000000"));
    ingest(symbol, "4", MINUTE, UUID.fromString("0fffffff-0000-7000-8000-000000000000"));
    ingest(
        symbol,
        "6",
        MINUTE.plusSeconds(30),
        UUID.fromString("1fffffff-0000-7000-8000-000000000000"));
    ingest(
        symbol,
        "7",
        MINUTE.plusSeconds(30),
        UUID.fromString("8fffffff-0000-7000-8000-000000000000"));

    Bar bar = read(symbol, MINUTE, MINUTE.plusSeconds(60), 10, LATER).bars().get(0);

    assertThat(bar.open()).isEqualByComparingTo("4");
    assertThat(bar.close()).isEqualByComparingTo("7");
  }

  @Test
  void theMostRecentBars_comeOldestFirst_andTheCursorReachesEachOlderOneOnce() {
    Symbol symbol = Samples.uniqueSymbol();
    for (int m = 0; m < 5; m++) {
      ingest(symbol, (10 + m) + ".00", MINUTE.plusSeconds(60L * m + 1), UUID.randomUUID());
      ingest(symbol, (20 + m) + ".00", MINUTE.plusSeconds(60L * m + 2), UUID.randomUUID());
    }
    Instant from = MINUTE.minusSeconds(600);
    Instant to = MINUTE.plusSeconds(600);
    List<Instant> starts = new ArrayList<>();
    BarPage page = read(symbol, from, to, 2, LATER);
    assertThat(page.bars())
        .extracting(Bar::start)
        .containsExactly(MINUTE.plusSeconds(180), MINUTE.plusSeconds(240));
    while (true) {
      starts.addAll(0, page.bars().stream().map(Bar::start).toList());
      if (page.next().isEmpty()) {
        break;
      }
      page = read(symbol, from, page.next().get().before(), 2, LATER);
    }
    assertThat(starts)
        .containsExactly(
            MINUTE,
            MINUTE.plusSeconds(60),
            MINUTE.plusSeconds(120),
            MINUTE.plusSeconds(180),
            MINUTE.plusSeconds(240));
  }

  @Test
  void theBucketStillForming_isIncomplete_andAnEmptyRangeHasNoBars() {
    Symbol symbol = Samples.uniqueSymbol();
    ingest(symbol, "1", MINUTE.plusSeconds(1), UUID.randomUUID());
    ingest(symbol, "2", MINUTE.plusSeconds(61), UUID.randomUUID());
    Instant now = MINUTE.plusSeconds(90);

    List<Bar> bars = read(symbol, MINUTE, now, 10, now).bars();

    assertThat(bars).extracting(Bar::complete).containsExactly(true, false);
    assertThat(read(symbol, LATER, LATER.plusSeconds(3600), 10, LATER).bars()).isEmpty();
    assertThat(read(symbol, LATER, LATER.plusSeconds(3600), 10, LATER).next()).isEmpty();
  }
}
