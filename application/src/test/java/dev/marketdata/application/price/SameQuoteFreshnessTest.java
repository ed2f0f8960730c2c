package dev.marketdata.application.price;

import static dev.marketdata.testsupport.Samples.quoteFetchedAt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.marketdata.application.contract.MarketDataPorts;
import dev.marketdata.application.fake.InMemoryFetchLeases;
import dev.marketdata.application.fake.InMemoryStores;
import dev.marketdata.application.ingest.IngestQuoteService;
import dev.marketdata.application.testing.ManualDelay;
import dev.marketdata.domain.model.PricePoint;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.Symbol;
import dev.marketdata.domain.port.QuoteProvider;
import dev.marketdata.domain.port.QuoteProviders;
import dev.marketdata.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A provider that keeps answering the same quote (a market closed, or Alpha Vantage's daily stamp):
 * each re-fetch confirms the stored point instead of storing another, and the confirmation keeps
 * the point fresh, in this replica's cache and, through the store, for every other replica.
 */
class SameQuoteFreshnessTest {
  private static final Instant QUOTED = Instant.parse("2026-11-27T18:00:00Z");
  private static final Instant T0 = Instant.parse("2026-11-28T15:00:00Z");
  private static final Symbol AAPL = Symbol.of("AAPL");
  private static final Duration FRESHNESS = Duration.ofSeconds(5);

  private final MutableClock clock = new MutableClock(T0);
  private final MarketDataPorts ports = InMemoryStores.empty();
  private final InMemoryFetchLeases leases = new InMemoryFetchLeases(clock);
  private final AtomicInteger calls = new AtomicInteger();
  private final QuoteProviders providers = mock(QuoteProviders.class);

  SameQuoteFreshnessTest() {
    QuoteProvider finnhub = mock(QuoteProvider.class);
    when(providers.defaultProvider()).thenReturn(ProviderId.FINNHUB);
    when(providers.get(ProviderId.FINNHUB)).thenReturn(finnhub);
    when(finnhub.fetch(AAPL))
        .thenAnswer(
            call -> {
              calls.incrementAndGet();
              return CompletableFuture.completedFuture(
                  quoteFetchedAt(AAPL, "187.25", QUOTED, clock.instant()));
            });
  }

  private GetLatestPriceService replica(String name) {
    LatestPriceCache cache = new LatestPriceCache();
    return new GetLatestPriceService(
        providers,
        ports.pricePoints(),
        new IngestQuoteService(ports.ingestion(), cache),
        cache,
        leases,
        new ManualDelay(clock),
        clock,
        new LatestPriceSettings(FRESHNESS, 100, Duration.ofSeconds(45), name),
        LatestPriceObserver.none());
  }

  private static PricePoint latest(GetLatestPriceService service) {
    return service.latest(AAPL, Optional.empty()).toCompletableFuture().join();
  }

  @Test
  void
      givenTheSameQuoteFetchedAgain_latest_answersTheStoredPointFreshAndCallsNoMoreWithinTheWindow() {
    GetLatestPriceService a = replica("replica-a");
    PricePoint first = latest(a);
    clock.advance(Duration.ofSeconds(6)); // past the window: fetch again, the same quote comes

    PricePoint again = latest(a);
    clock.advance(Duration.ofSeconds(4));
    PricePoint cached = latest(a);
    PricePoint otherReplica = latest(replica("replica-b"));

    assertThat(again.rawResponseId()).isEqualTo(first.rawResponseId());
    assertThat(again.timestamp()).isEqualTo(QUOTED);
    assertThat(again.fetchedAt()).isEqualTo(T0.plusSeconds(6));
    assertThat(cached).isEqualTo(again);
    assertThat(otherReplica).isEqualTo(again);
    assertThat(calls).hasValue(2);
    assertThat(
            ports.pricePoints().newest(AAPL, ProviderId.FINNHUB, 10).toCompletableFuture().join())
        .hasSize(1);
  }
}
