package dev.marketdata.application.price;

import static dev.marketdata.testsupport.Samples.fetched;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.marketdata.application.fake.InMemoryFetchLeases;
import dev.marketdata.application.ingest.IngestQuoteService;
import dev.marketdata.application.testing.ManualDelay;
import dev.marketdata.domain.failure.FallbackExhausted;
import dev.marketdata.domain.failure.InvalidInput;
import dev.marketdata.domain.failure.ProviderAuthFailure;
import dev.marketdata.domain.failure.ProviderThrottled;
import dev.marketdata.domain.failure.ProviderUnavailable;
import dev.marketdata.domain.failure.ProviderUnavailable.Kind;
import dev.marketdata.domain.failure.SymbolNotFound;
import dev.marketdata.domain.model.FetchedQuote;
import dev.marketdata.domain.model.PricePoint;
import dev.marketdata.domain.model.ProviderChain;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.Symbol;
import dev.marketdata.domain.port.IngestionRepository;
import dev.marketdata.domain.port.PricePointRepository;
import dev.marketdata.domain.port.QuoteProvider;
import dev.marketdata.domain.port.QuoteProviders;
import dev.marketdata.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The chain over the real single-quote service (cache, stored prices, leases) with scripted
 * providers: which failures move on, which stop, and what the answer says about it.
 */
class ServeLatestPriceServiceTest {
  private static final Instant T0 = Instant.parse("2024-03-20T10:30:00Z");
  private static final Symbol AAPL = Symbol.of("AAPL");
  private static final ProviderChain FINNHUB_YAHOO =
      ProviderChain.parse("provider", "finnhub,yahoo");

  private final MutableClock clock = new MutableClock(T0);
  private final QuoteProviders providers = mock(QuoteProviders.class);
  private final QuoteProvider finnhub = mock(QuoteProvider.class);
  private final QuoteProvider yahoo = mock(QuoteProvider.class);
  private final QuoteProvider simulated = mock(QuoteProvider.class);
  private final PricePointRepository points = mock(PricePointRepository.class);
  private final IngestionRepository ingestion = mock(IngestionRepository.class);
  private final LatestPriceCache cache = new LatestPriceCache();
  private final List<String> fallbacks = new CopyOnWriteArrayList<>();
  private final LatestPriceObserver observer =
      new LatestPriceObserver() {
        @Override
        public void served(Source source) {}

        @Override
        public void fellBack(ProviderId from, ProviderId to) {
          fallbacks.add(from + "->" + to);
        }
      };
  private GetLatestPriceService single;

  @BeforeEach
  void setUp() {
    when(providers.defaultProvider()).thenReturn(ProviderId.FINNHUB);
    when(providers.get(ProviderId.FINNHUB)).thenReturn(finnhub);
    when(providers.get(ProviderId.YAHOO)).thenReturn(yahoo);
    when(providers.get(ProviderId.SIMULATED)).thenReturn(simulated);
    when(providers.get(ProviderId.ALPHA_VANTAGE))
        .thenThrow(new InvalidInput("provider", "alpha_vantage", "is not enabled"));
    when(points.latest(any(), any()))
        .thenReturn(CompletableFuture.completedFuture(Optional.empty()));
    when(ingestion.ingestAll(any()))
        .thenAnswer(
            call -> {
              List<FetchedQuote> batch = call.getArgument(0);
              return CompletableFuture.completedFuture(batch.stream().map(PricePoint::of).toList());
            });
    single =
        new GetLatestPriceService(
            providers,
            points,
            new IngestQuoteService(ingestion, cache),
            cache,
            new InMemoryFetchLeases(clock),
            new ManualDelay(clock),
            clock,
            new LatestPriceSettings(Duration.ofSeconds(5), 100, Duration.ofSeconds(45), "a"),
            observer);
  }

  private ServeLatestPriceService service(ProviderId... fallbacks) {
    return new ServeLatestPriceService(
        single, providers, new FallbackSettings(List.of(fallbacks)), observer);
  }

  private static <T> T join(CompletionStage<T> stage) {
    return stage.toCompletableFuture().join();
  }

  private static Throwable failureOf(CompletionStage<?> stage) {
    try {
      stage.toCompletableFuture().join();
    } catch (CompletionException e) {
      return e.getCause();
    }
    throw new AssertionError("expected a failure");
  }

  private void serves(QuoteProvider provider, ProviderId id, String price) {
    when(provider.fetch(AAPL))
        .thenReturn(CompletableFuture.completedFuture(fetched("AAPL", id, price, T0)));
  }

  private static void fails(QuoteProvider provider, RuntimeException failure) {
    when(provider.fetch(AAPL)).thenReturn(CompletableFuture.failedFuture(failure));
  }

  @Test
  void givenFirstProviderThrottled_chain_isServedByTheNextAndSaysSo() {
    fails(finnhub, new ProviderThrottled("finnhub", Duration.ofSeconds(30), false, "429"));
    serves(yahoo, ProviderId.YAHOO, "151.5");

    ServedPrice served = join(service().latest(AAPL, Optional.of(FINNHUB_YAHOO)));

    assertThat(served.point().provider()).isEqualTo(ProviderId.YAHOO);
    assertThat(served.point().price()).isEqualByComparingTo("151.5");
    assertThat(served.fallbackFrom()).containsExactly(ProviderId.FINNHUB);
    assertThat(fallbacks).containsExactly("finnhub->yahoo");
  }

  @Test
  void givenServerErrorTimeoutBadBodyOrAuthFailure_chain_fallsBack() {
    List<RuntimeException> failures =
        List.of(
            new ProviderUnavailable("finnhub", Kind.SERVER_ERROR, "503", null),
            new ProviderUnavailable("finnhub", Kind.TIMEOUT, "read timed out", null),
            new ProviderUnavailable("finnhub", Kind.CONNECTION, "refused", null),
            new ProviderUnavailable("finnhub", Kind.BAD_RESPONSE, "not JSON", null),
            new ProviderAuthFailure("finnhub", "401"));
    serves(yahoo, ProviderId.YAHOO, "151.5");
    for (RuntimeException failure : failures) {
      fails(finnhub, failure);

      ServedPrice served = join(service().latest(AAPL, Optional.of(FINNHUB_YAHOO)));

      assertThat(served.fallbackFrom())
          .as(failure.getMessage())
          .containsExactly(ProviderId.FINNHUB);
      assertThat(served.point().provider()).isEqualTo(ProviderId.YAHOO);
    }
    assertThat(fallbacks).hasSize(failures.size());
  }

  @Test
  void givenFirstProviderNotConfigured_chain_fallsBackWithoutCallingIt() {
    when(providers.get(ProviderId.FINNHUB))
        .thenThrow(new ProviderUnavailable("finnhub", Kind.NOT_CONFIGURED, "no key", null));
    serves(yahoo, ProviderId.YAHOO, "151.5");

    ServedPrice served = join(service().latest(AAPL, Optional.of(FINNHUB_YAHOO)));

    assertThat(served.fallbackFrom()).containsExactly(ProviderId.FINNHUB);
    verify(finnhub, never()).fetch(any());
  }

  @Test
  void givenSymbolNotFound_chain_stopsThere() {
    fails(finnhub, new SymbolNotFound("AAPL", "finnhub"));

    Throwable failure = failureOf(service().latest(AAPL, Optional.of(FINNHUB_YAHOO)));

    assertThat(failure).isInstanceOf(SymbolNotFound.class);
    verify(yahoo, never()).fetch(any());
    assertThat(fallbacks).isEmpty();
  }

  @Test
  void givenEveryProviderFails_chain_failsWithEachFailureInOrder() {
    fails(finnhub, new ProviderUnavailable("finnhub", Kind.SERVER_ERROR, "503", null));
    fails(yahoo, new ProviderThrottled("yahoo", Duration.ofSeconds(60), false, "429"));

    Throwable failure = failureOf(service().latest(AAPL, Optional.of(FINNHUB_YAHOO)));

    assertThat(failure).isInstanceOf(FallbackExhausted.class);
    FallbackExhausted exhausted = (FallbackExhausted) failure;
    assertThat(exhausted.failures()).hasSize(2).first().isInstanceOf(ProviderUnavailable.class);
    assertThat(exhausted.last()).isInstanceOf(ProviderThrottled.class);
  }

  @Test
  void givenFallbackThenNotFound_chain_endsWithTheNotFound() {
    fails(finnhub, new ProviderUnavailable("finnhub", Kind.TIMEOUT, "slow", null));
    fails(yahoo, new SymbolNotFound("AAPL", "yahoo"));

    Throwable failure =
        failureOf(
            service()
                .latest(
                    AAPL, Optional.of(ProviderChain.parse("provider", "finnhub,yahoo,simulated"))));

    assertThat(((FallbackExhausted) failure).last()).isInstanceOf(SymbolNotFound.class);
    verify(simulated, never()).fetch(any());
  }

  @Test
  void givenAFreshPriceOfTheFirstProvider_chain_neverTouchesTheNext() {
    serves(finnhub, ProviderId.FINNHUB, "150");
    join(service().latest(AAPL, Optional.of(FINNHUB_YAHOO)));
    fails(finnhub, new ProviderUnavailable("finnhub", Kind.SERVER_ERROR, "503", null));
    clock.advance(Duration.ofSeconds(4));

    ServedPrice served = join(service().latest(AAPL, Optional.of(FINNHUB_YAHOO)));

    assertThat(served.point().provider()).isEqualTo(ProviderId.FINNHUB);
    assertThat(served.fellBack()).isFalse();
    verify(finnhub, times(1)).fetch(AAPL);
    verify(yahoo, never()).fetch(any());
    verify(providers, never()).get(ProviderId.SIMULATED);
  }

  @Test
  void givenNoChainAndNoFallbackSetting_latest_asksTheDefaultProviderAsBefore() {
    fails(finnhub, new ProviderUnavailable("finnhub", Kind.SERVER_ERROR, "503", null));
    serves(yahoo, ProviderId.YAHOO, "151.5");
    serves(simulated, ProviderId.SIMULATED, "99");

    Throwable failure = failureOf(service().latest(AAPL, Optional.empty()));

    // The very failure of before: no FallbackExhausted wrapper, no other provider, not simulated.
    assertThat(failure).isInstanceOf(ProviderUnavailable.class);
    verify(yahoo, never()).fetch(any());
    verify(simulated, never()).fetch(any());
    assertThat(fallbacks).isEmpty();
  }

  @Test
  void givenFallbackSetting_latestWithoutProvider_fallsBackFromTheDefault() {
    fails(finnhub, new ProviderThrottled("finnhub", Duration.ofSeconds(3), true, "budget"));
    serves(yahoo, ProviderId.YAHOO, "151.5");

    ServedPrice served = join(service(ProviderId.YAHOO).latest(AAPL, Optional.empty()));

    assertThat(served.point().provider()).isEqualTo(ProviderId.YAHOO);
    assertThat(served.fallbackFrom()).containsExactly(ProviderId.FINNHUB);
    verify(simulated, never()).fetch(any());
  }

  @Test
  void givenSingleNamedProvider_latest_neverFallsBack() {
    fails(yahoo, new ProviderUnavailable("yahoo", Kind.SERVER_ERROR, "503", null));

    Throwable failure =
        failureOf(
            service(ProviderId.FINNHUB)
                .latest(AAPL, Optional.of(ProviderChain.of(ProviderId.YAHOO))));

    assertThat(failure).isInstanceOf(ProviderUnavailable.class);
    verify(finnhub, never()).fetch(any());
  }

  @Test
  void givenAProviderThatIsNotEnabled_chain_isRefusedBeforeAnyCall() {
    serves(finnhub, ProviderId.FINNHUB, "150");

    Throwable failure =
        failureOf(
            service()
                .latest(
                    AAPL, Optional.of(ProviderChain.parse("provider", "finnhub,alpha_vantage"))));

    assertThat(failure).isInstanceOf(InvalidInput.class);
    verify(finnhub, never()).fetch(any());
  }

  @Test
  void givenABug_chain_doesNotHideItBehindAnotherProvider() {
    fails(finnhub, new IllegalStateException("parser bug"));
    serves(yahoo, ProviderId.YAHOO, "151.5");

    Throwable failure = failureOf(service().latest(AAPL, Optional.of(FINNHUB_YAHOO)));

    assertThat(failure).isInstanceOf(IllegalStateException.class);
    verify(yahoo, never()).fetch(any());
  }
}
