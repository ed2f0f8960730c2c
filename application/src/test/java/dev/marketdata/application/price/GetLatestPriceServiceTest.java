package dev.marketdata.application.price;

import static dev.marketdata.testsupport.Samples.fetched;
import static dev.marketdata.testsupport.Samples.point;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import dev.marketdata.application.fake.InMemoryFetchLeases;
import dev.marketdata.application.ingest.IngestQuoteService;
import dev.marketdata.application.support.Futures;
import dev.marketdata.application.testing.ManualDelay;
import dev.marketdata.domain.failure.InvalidInput;
import dev.marketdata.domain.failure.ProviderUnavailable;
import dev.marketdata.domain.model.FetchedQuote;
import dev.marketdata.domain.model.PricePoint;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.Symbol;
import dev.marketdata.domain.port.FetchLeases;
import dev.marketdata.domain.port.IngestionRepository;
import dev.marketdata.domain.port.PricePointRepository;
import dev.marketdata.domain.port.QuoteProvider;
import dev.marketdata.domain.port.QuoteProviders;
import dev.marketdata.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GetLatestPriceServiceTest {
  private static final Instant T0 = Instant.parse("2024-03-20T10:30:00Z");
  private static final Symbol AAPL = Symbol.of("AAPL");
  private static final Duration FETCH_LEASE = Duration.ofSeconds(45);

  private final MutableClock clock = new MutableClock(T0);
  private final QuoteProviders providers = mock(QuoteProviders.class);
  private final QuoteProvider finnhub = mock(QuoteProvider.class);
  private final PricePointRepository points = mock(PricePointRepository.class);
  private final IngestionRepository ingestion = mock(IngestionRepository.class);
  private final LatestPriceCache cache = new LatestPriceCache();
  private final java.util.List<LatestPriceObserver.Source> observed =
      new java.util.concurrent.CopyOnWriteArrayList<>();
  private final InMemoryFetchLeases leases = new InMemoryFetchLeases(clock);
  private final ManualDelay delay = new ManualDelay(clock);
  private GetLatestPriceService service;

  @BeforeEach
  void setUp() {
    when(providers.defaultProvider()).thenReturn(ProviderId.FINNHUB);
    when(providers.get(ProviderId.FINNHUB)).thenReturn(finnhub);
    when(points.latest(any(), any()))
        .thenReturn(CompletableFuture.completedFuture(Optional.empty()));
    // Single quotes are stored through the group-commit path, as batches.
    when(ingestion.ingestAll(any()))
        .thenAnswer(
            call -> {
              java.util.List<FetchedQuote> batch = call.getArgument(0);
              return CompletableFuture.completedFuture(batch.stream().map(PricePoint::of).toList());
            });
    service = serviceWith(Duration.ofSeconds(5));
  }

  private GetLatestPriceService serviceWith(Duration freshness) {
    return new GetLatestPriceService(
        providers,
        points,
        new IngestQuoteService(ingestion, cache),
        cache,
        leases,
        delay,
        clock,
        new LatestPriceSettings(freshness, 100, FETCH_LEASE, "replica-a"),
        observed::add);
  }

  private static <T> T join(CompletionStage<T> stage) {
    return stage.toCompletableFuture().join();
  }

  @Test
  void givenNothingStored_latest_fetchesStoresAndReturnsTheQuote() {
    FetchedQuote quote = fetched("AAPL", ProviderId.FINNHUB, "150.25", T0);
    when(finnhub.fetch(AAPL)).thenReturn(CompletableFuture.completedFuture(quote));

    PricePoint result = join(service.latest(AAPL, Optional.empty()));

    assertThat(result.price()).isEqualByComparingTo("150.25");
    assertThat(result.provider()).isEqualTo(ProviderId.FINNHUB);
    assertThat(result.rawResponseId()).isEqualTo(quote.raw().id());
    verify(ingestion).ingestAll(java.util.List.of(quote));
  }

  @Test
  void givenAFreshFetch_secondRequest_isServedFromTheFreshnessWindow() {
    when(finnhub.fetch(AAPL))
        .thenReturn(
            CompletableFuture.completedFuture(fetched("AAPL", ProviderId.FINNHUB, "150", T0)));
    join(service.latest(AAPL, Optional.of(ProviderId.FINNHUB)));
    clock.advance(Duration.ofSeconds(5));

    join(service.latest(AAPL, Optional.of(ProviderId.FINNHUB)));

    verify(finnhub, times(1)).fetch(AAPL);
    assertThat(observed)
        .containsExactly(LatestPriceObserver.Source.FETCHED, LatestPriceObserver.Source.CACHE_HIT);
  }

  @Test
  void givenAStalePrice_latest_fetchesAgain() {
    when(finnhub.fetch(AAPL))
        .thenReturn(
            CompletableFuture.completedFuture(fetched("AAPL", ProviderId.FINNHUB, "150", T0)))
        .thenReturn(
            CompletableFuture.completedFuture(
                fetched("AAPL", ProviderId.FINNHUB, "151", T0.plusSeconds(6))));
    join(service.latest(AAPL, Optional.empty()));
    clock.advance(Duration.ofSeconds(6));

    PricePoint second = join(service.latest(AAPL, Optional.empty()));

    assertThat(second.price()).isEqualByComparingTo("151");
    verify(finnhub, times(2)).fetch(AAPL);
  }

  @Test
  void givenAFreshPointStoredByAnotherReplica_latest_servesItWithoutFetching() {
    PricePoint stored = point("AAPL", ProviderId.FINNHUB, "149.5", T0.minusSeconds(2));
    when(points.latest(AAPL, ProviderId.FINNHUB))
        .thenReturn(CompletableFuture.completedFuture(Optional.of(stored)));

    assertThat(join(service.latest(AAPL, Optional.empty()))).isEqualTo(stored);
    verify(finnhub, never()).fetch(any());
    assertThat(observed).containsExactly(LatestPriceObserver.Source.STORED);
  }

  @Test
  void givenConcurrentRequests_latest_sharesOneProviderCall() {
    CompletableFuture<FetchedQuote> pending = new CompletableFuture<>();
    when(finnhub.fetch(AAPL)).thenReturn(pending);

    CompletionStage<PricePoint> first = service.latest(AAPL, Optional.empty());
    CompletionStage<PricePoint> second = service.latest(AAPL, Optional.of(ProviderId.FINNHUB));
    pending.complete(fetched("AAPL", ProviderId.FINNHUB, "150", T0));

    assertThat(join(first)).isEqualTo(join(second));
    verify(finnhub, times(1)).fetch(AAPL);
    verify(ingestion, times(1)).ingestAll(any());
  }

  @Test
  void givenProviderFailure_latest_failsWithItAndStoresNothing() {
    ProviderUnavailable down =
        new ProviderUnavailable("finnhub", ProviderUnavailable.Kind.SERVER_ERROR, "HTTP 500", null);
    when(finnhub.fetch(AAPL)).thenReturn(CompletableFuture.failedFuture(down));

    CompletableFuture<PricePoint> result =
        service.latest(AAPL, Optional.empty()).toCompletableFuture();

    assertThat(result).isCompletedExceptionally();
    assertThat(Futures.unwrap(result.handle((v, e) -> e).join())).isSameAs(down);
    verify(ingestion, never()).ingestAll(any());
  }

  @Test
  void givenFailureThenRetry_latest_asksTheProviderAgain() {
    when(finnhub.fetch(AAPL))
        .thenReturn(
            CompletableFuture.failedFuture(
                new ProviderUnavailable(
                    "finnhub", ProviderUnavailable.Kind.TIMEOUT, "timed out", null)))
        .thenReturn(
            CompletableFuture.completedFuture(fetched("AAPL", ProviderId.FINNHUB, "150", T0)));
    service.latest(AAPL, Optional.empty()).toCompletableFuture().handle((v, e) -> e).join();

    assertThat(join(service.latest(AAPL, Optional.empty())).price()).isEqualByComparingTo("150");
  }

  @Test
  void givenUnknownProvider_latest_failsBeforeAnyStorageCall() {
    ProviderId bogus = ProviderId.of("bogus");
    when(providers.get(bogus)).thenThrow(new InvalidInput("provider", "bogus", "is not enabled"));

    Throwable failure =
        service.latest(AAPL, Optional.of(bogus)).toCompletableFuture().handle((v, e) -> e).join();

    assertThat(Futures.unwrap(failure)).isInstanceOf(InvalidInput.class);
    verifyNoInteractions(points, ingestion);
  }

  @Test
  void givenNoFreshnessWindow_latest_fetchesWithoutReadingStoredPrices() {
    GetLatestPriceService always = serviceWith(Duration.ZERO);
    FetchedQuote quote = fetched("AAPL", ProviderId.FINNHUB, "150.25", T0);
    when(finnhub.fetch(AAPL)).thenReturn(CompletableFuture.completedFuture(quote));

    assertThat(join(always.latest(AAPL, Optional.empty())).rawResponseId())
        .isEqualTo(quote.raw().id());
    clock.advance(Duration.ofMillis(1)); // a moment later the quote is no longer fresh
    assertThat(join(always.latest(AAPL, Optional.empty())).rawResponseId())
        .isEqualTo(quote.raw().id());

    verify(finnhub, times(2)).fetch(AAPL);
    verifyNoInteractions(points);
    assertThat(observed).containsOnly(LatestPriceObserver.Source.FETCHED);
  }

  @Test
  void givenNoFreshnessWindow_latest_fetchesAtOnceEvenWhileAnotherReplicaHoldsTheLease() {
    join(leases.claim(AAPL, ProviderId.FINNHUB, "replica-b", FETCH_LEASE));
    when(finnhub.fetch(AAPL))
        .thenReturn(
            CompletableFuture.completedFuture(fetched("AAPL", ProviderId.FINNHUB, "150", T0)));

    join(serviceWith(Duration.ZERO).latest(AAPL, Optional.empty()));

    verify(finnhub, times(1)).fetch(AAPL);
    assertThat(leases.holder(AAPL, ProviderId.FINNHUB)).contains("replica-b");
  }

  @Test
  void givenAnotherReplicaFetching_latest_waitsAndServesThePriceItStored() {
    join(leases.claim(AAPL, ProviderId.FINNHUB, "replica-b", FETCH_LEASE));
    PricePoint storedByB = point("AAPL", ProviderId.FINNHUB, "149.5", T0);
    when(points.latest(AAPL, ProviderId.FINNHUB))
        .thenReturn(CompletableFuture.completedFuture(Optional.empty()))
        .thenReturn(CompletableFuture.completedFuture(Optional.empty()))
        .thenReturn(CompletableFuture.completedFuture(Optional.of(storedByB)));

    CompletableFuture<PricePoint> result =
        service.latest(AAPL, Optional.empty()).toCompletableFuture();
    assertThat(result).isNotDone();
    delay.advance(Duration.ofMillis(20));
    assertThat(result).isNotDone(); // still not stored: the next look is 40 ms later
    delay.advance(Duration.ofMillis(40));

    assertThat(result).isCompletedWithValue(storedByB);
    verify(finnhub, never()).fetch(any());
    assertThat(observed).containsExactly(LatestPriceObserver.Source.STORED);
    // ...and this replica's next requests are served from its cache.
    assertThat(join(service.latest(AAPL, Optional.empty()))).isEqualTo(storedByB);
  }

  @Test
  void givenTheHolderFailedAndReleased_latest_claimsAndFetchesItself() {
    join(leases.claim(AAPL, ProviderId.FINNHUB, "replica-b", FETCH_LEASE));
    FetchedQuote quote = fetched("AAPL", ProviderId.FINNHUB, "150", T0);
    when(finnhub.fetch(AAPL)).thenReturn(CompletableFuture.completedFuture(quote));
    CompletableFuture<PricePoint> result =
        service.latest(AAPL, Optional.empty()).toCompletableFuture();

    join(leases.release(AAPL, ProviderId.FINNHUB, "replica-b", Duration.ZERO));
    delay.advance(Duration.ofMillis(20));

    assertThat(result).isCompleted();
    assertThat(join(result).rawResponseId()).isEqualTo(quote.raw().id());
    verify(finnhub, times(1)).fetch(AAPL);
  }

  @Test
  void givenTheHolderDiedMidFetch_latest_fetchesOnceItsLeaseEnded() {
    join(leases.claim(AAPL, ProviderId.FINNHUB, "crashed", FETCH_LEASE));
    when(finnhub.fetch(AAPL))
        .thenAnswer(
            call ->
                CompletableFuture.completedFuture(
                    fetched("AAPL", ProviderId.FINNHUB, "150", clock.instant())));
    CompletableFuture<PricePoint> result =
        service.latest(AAPL, Optional.empty()).toCompletableFuture();

    delay.advance(FETCH_LEASE.minusMillis(1));
    assertThat(result).isNotDone();
    verify(finnhub, never()).fetch(any());
    delay.advance(Duration.ofMillis(200));

    assertThat(result).isCompleted();
    verify(finnhub, times(1)).fetch(AAPL);
    assertThat(leases.holder(AAPL, ProviderId.FINNHUB)).contains("replica-a");
  }

  @Test
  void givenTheLeaseNeverFrees_latest_failsWithATimeoutOneFetchLeaseLater() {
    FetchLeases alwaysHeld = mock(FetchLeases.class);
    when(alwaysHeld.claim(any(), any(), any(), any()))
        .thenReturn(CompletableFuture.completedFuture(false));
    GetLatestPriceService refused =
        new GetLatestPriceService(
            providers,
            points,
            new IngestQuoteService(ingestion, cache),
            cache,
            alwaysHeld,
            delay,
            clock,
            new LatestPriceSettings(Duration.ofSeconds(5), 100, FETCH_LEASE, "replica-a"),
            observed::add);
    CompletableFuture<PricePoint> result =
        refused.latest(AAPL, Optional.empty()).toCompletableFuture();

    delay.advance(FETCH_LEASE);
    assertThat(result).isNotDone();
    delay.advance(Duration.ofMillis(200)); // the first look past the deadline

    assertThat(Futures.unwrap(result.handle((v, e) -> e).join()))
        .isInstanceOfSatisfying(
            ProviderUnavailable.class,
            e -> assertThat(e.kind()).isEqualTo(ProviderUnavailable.Kind.TIMEOUT));
    verify(finnhub, never()).fetch(any());
    assertThat(delay.pending()).isZero();
  }

  @Test
  void givenAFetch_theLease_isKeptUntilThePriceIsNoLongerFresh() {
    when(finnhub.fetch(AAPL))
        .thenReturn(
            CompletableFuture.completedFuture(fetched("AAPL", ProviderId.FINNHUB, "150", T0)));
    clock.advance(Duration.ofSeconds(1)); // answered a second after its fetch time

    join(service.latest(AAPL, Optional.empty()));

    clock.advance(Duration.ofSeconds(4));
    assertThat(leases.holder(AAPL, ProviderId.FINNHUB)).contains("replica-a");
    assertThat(join(leases.claim(AAPL, ProviderId.FINNHUB, "replica-b", FETCH_LEASE))).isFalse();
    clock.advance(Duration.ofMillis(1));
    assertThat(join(leases.claim(AAPL, ProviderId.FINNHUB, "replica-b", FETCH_LEASE))).isTrue();
  }

  @Test
  void givenAFailedFetch_theLease_isReleasedAtOnce() {
    when(finnhub.fetch(AAPL))
        .thenReturn(
            CompletableFuture.failedFuture(
                new ProviderUnavailable(
                    "finnhub", ProviderUnavailable.Kind.SERVER_ERROR, "HTTP 500", null)));

    service.latest(AAPL, Optional.empty()).toCompletableFuture().handle((v, e) -> e).join();

    assertThat(leases.holder(AAPL, ProviderId.FINNHUB)).isEmpty();
    assertThat(join(leases.claim(AAPL, ProviderId.FINNHUB, "replica-b", FETCH_LEASE))).isTrue();
  }

  @Test
  void givenTheReleaseFails_latest_stillAnswersWithTheFetchedPrice() {
    FetchLeases brokenRelease = mock(FetchLeases.class);
    when(brokenRelease.claim(any(), any(), any(), any()))
        .thenReturn(CompletableFuture.completedFuture(true));
    when(brokenRelease.release(any(), any(), any(), any()))
        .thenReturn(CompletableFuture.failedFuture(new IllegalStateException("database away")));
    FetchedQuote quote = fetched("AAPL", ProviderId.FINNHUB, "150", T0);
    when(finnhub.fetch(AAPL)).thenReturn(CompletableFuture.completedFuture(quote));
    GetLatestPriceService service =
        new GetLatestPriceService(
            providers,
            points,
            new IngestQuoteService(ingestion, cache),
            cache,
            brokenRelease,
            delay,
            clock,
            new LatestPriceSettings(Duration.ofSeconds(5), 100, FETCH_LEASE, "replica-a"),
            observed::add);

    assertThat(join(service.latest(AAPL, Optional.empty())).rawResponseId())
        .isEqualTo(quote.raw().id());
  }
}
