package dev.marketdata.application.quality;

import static dev.marketdata.testsupport.Await.result;
import static dev.marketdata.testsupport.Samples.quote;
import static dev.marketdata.testsupport.Samples.quoteFetchedAt;
import static dev.marketdata.testsupport.Samples.uniqueSymbol;
import static org.assertj.core.api.Assertions.assertThat;

import dev.marketdata.application.average.AverageWindows;
import dev.marketdata.application.average.GetMovingAverageService;
import dev.marketdata.application.contract.MarketDataPorts;
import dev.marketdata.application.fake.InMemoryStores;
import dev.marketdata.application.ingest.IngestQuoteService;
import dev.marketdata.application.price.LatestPriceCache;
import dev.marketdata.domain.market.TradingCalendar;
import dev.marketdata.domain.model.PricePoint;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.Symbol;
import dev.marketdata.domain.port.QuoteProviders;
import dev.marketdata.domain.quality.QualityRules;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;

/** The data-quality rules (ADR 0014) as the application applies them, with fixed clocks. */
class DataQualityTest {
  // Monday 2026-11-30, 10:00 in New York: the regular session is open.
  private static final Instant OPEN = Instant.parse("2026-11-30T15:00:00Z");
  // Saturday 2026-11-28, 10:00 in New York: closed.
  private static final Instant WEEKEND = Instant.parse("2026-11-28T15:00:00Z");
  // 2026-11-30 06:00 in New York: pre-market, the regular session is not open.
  private static final Instant PRE_MARKET = Instant.parse("2026-11-30T11:00:00Z");
  private static final Instant T0 = Instant.parse("2026-11-30T14:00:00Z");

  private final List<String> observed = new ArrayList<>();
  private final QualityObserver observer =
      new QualityObserver() {
        @Override
        public void duplicate(ProviderId provider) {
          observed.add("duplicate " + provider.value());
        }

        @Override
        public void suspect(ProviderId provider) {
          observed.add("suspect " + provider.value());
        }

        @Override
        public void staleServed(ProviderId provider) {
          observed.add("stale " + provider.value());
        }
      };

  private Staleness staleness(Instant now) {
    return new Staleness(
        TradingCalendar.usEquities(),
        QualityRules.defaults(),
        Clock.fixed(now, ZoneOffset.UTC),
        observer);
  }

  @Test
  void givenTheRegularSessionOpen_aPriceQuotedMoreThan15MinutesAgo_isStaleAndCounted() {
    Staleness s = staleness(OPEN);

    assertThat(s.stale(OPEN.minus(Duration.ofMinutes(16)), OPEN)).isTrue();
    assertThat(s.stale(OPEN.minus(Duration.ofMinutes(14)), OPEN)).isFalse();
    assertThat(s.served(ProviderId.FINNHUB, OPEN.minus(Duration.ofMinutes(16)))).isTrue();
    assertThat(s.served(ProviderId.FINNHUB, OPEN.minus(Duration.ofMinutes(1)))).isFalse();
    assertThat(observed).containsExactly("stale finnhub");
  }

  @Test
  void givenTheRegularSessionClosed_anOldPrice_isNotStale() {
    assertThat(staleness(WEEKEND).stale(WEEKEND.minus(Duration.ofDays(1)), WEEKEND)).isFalse();
    assertThat(staleness(PRE_MARKET).stale(PRE_MARKET.minus(Duration.ofHours(15)), PRE_MARKET))
        .isFalse();
    assertThat(staleness(WEEKEND).served(ProviderId.FINNHUB, WEEKEND.minus(Duration.ofDays(1))))
        .isFalse();
    assertThat(observed).isEmpty();
  }

  @Test
  void givenThreeRepollsOfAnUnchangedQuote_theFivePriceAverage_staysTheMeanOfFiveQuotes() {
    MarketDataPorts ports = InMemoryStores.empty();
    IngestQuoteService ingest =
        new IngestQuoteService(
            ports.ingestion(),
            new LatestPriceCache(),
            dev.marketdata.application.ingest.IngestSettings.defaults(),
            observer);
    Symbol symbol = uniqueSymbol();
    String[] prices = {"100", "101", "99", "102", "98"};
    for (int i = 0; i < prices.length; i++) {
      result(ingest.ingest(quote(symbol, prices[i], T0.plusSeconds(60L * i))));
    }
    for (int i = 1; i <= 3; i++) {
      result(
          ingest.ingest(
              quoteFetchedAt(symbol, "98", T0.plusSeconds(240), T0.plusSeconds(240 + 60L * i))));
    }

    assertThat(result(average(ports, QualityRules.defaults()).get(symbol, Optional.empty(), 5)))
        .satisfies(a -> assertThat(a.value()).isEqualByComparingTo("100"));
    assertThat(observed)
        .containsExactly("duplicate finnhub", "duplicate finnhub", "duplicate finnhub");
  }

  @Test
  void givenASuspectPrice_theComputedAverage_leavesItOutUnlessTheSettingsIncludeIt() {
    MarketDataPorts ports = InMemoryStores.empty();
    IngestQuoteService ingest =
        new IngestQuoteService(
            ports.ingestion(),
            new LatestPriceCache(),
            dev.marketdata.application.ingest.IngestSettings.defaults(),
            observer);
    Symbol symbol = uniqueSymbol();
    result(ingest.ingest(quote(symbol, "100", T0)));
    result(ingest.ingest(quote(symbol, "102", T0.plusSeconds(60))));
    PricePoint spike = result(ingest.ingest(quote(symbol, "500", T0.plusSeconds(120))));
    assertThat(spike.suspect()).isTrue();
    QualityRules including =
        new QualityRules(
            QualityRules.DEFAULT_OUTLIER_PERCENT,
            QualityRules.DEFAULT_OUTLIER_WINDOW,
            true,
            QualityRules.DEFAULT_STALE_AFTER);

    assertThat(result(average(ports, QualityRules.defaults()).get(symbol, Optional.empty(), 2)))
        .satisfies(a -> assertThat(a.value()).isEqualByComparingTo("101"));
    assertThat(result(average(ports, including).get(symbol, Optional.empty(), 2)))
        .satisfies(a -> assertThat(a.value()).isEqualByComparingTo("301"));
    assertThat(observed).containsExactly("suspect finnhub");
  }

  @Test
  void givenTheSamePointFetchedAgain_theCache_holdsTheLaterFetchTime() {
    LatestPriceCache cache = new LatestPriceCache();
    PricePoint first = PricePoint.of(quote(uniqueSymbol(), "98", T0));
    cache.offer(first);

    cache.offer(first.confirmedAt(T0.plusSeconds(60)));
    cache.offer(first.confirmedAt(T0.plusSeconds(30)));

    assertThat(cache.get(first.symbol(), first.provider()).orElseThrow().fetchedAt())
        .isEqualTo(T0.plusSeconds(60));
  }

  private static GetMovingAverageService average(MarketDataPorts ports, QualityRules rules) {
    QuoteProviders providers = Mockito.mock(QuoteProviders.class);
    Mockito.when(providers.defaultProvider()).thenReturn(ProviderId.FINNHUB);
    return new GetMovingAverageService(
        ports.movingAverages(), ports.pricePoints(), providers, AverageWindows.of(5), rules);
  }
}
