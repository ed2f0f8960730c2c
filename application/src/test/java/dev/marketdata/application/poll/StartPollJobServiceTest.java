package dev.marketdata.application.poll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.marketdata.application.support.Futures;
import dev.marketdata.application.testing.MutableClock;
import dev.marketdata.domain.failure.InvalidInput;
import dev.marketdata.domain.failure.UnservableRequest;
import dev.marketdata.domain.model.PollJob;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.ProviderStatus;
import dev.marketdata.domain.model.RateLimit;
import dev.marketdata.domain.model.Symbol;
import dev.marketdata.domain.port.PollJobRepository;
import dev.marketdata.domain.port.QuoteProvider;
import dev.marketdata.domain.port.QuoteProviders;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StartPollJobServiceTest {
  private static final Instant T0 = Instant.parse("2024-03-20T10:30:00Z");

  private final QuoteProviders providers = mock(QuoteProviders.class);
  private final PollJobRepository jobs = mock(PollJobRepository.class);
  private StartPollJobService service;

  private void provider(ProviderId id, RateLimit... limits) {
    QuoteProvider provider = mock(QuoteProvider.class);
    when(provider.status()).thenReturn(ProviderStatus.available(id, List.of(limits), List.of()));
    when(providers.get(id)).thenReturn(provider);
  }

  @BeforeEach
  void setUp() {
    when(providers.defaultProvider()).thenReturn(ProviderId.SIMULATED);
    provider(ProviderId.SIMULATED);
    provider(ProviderId.FINNHUB, RateLimit.perSecond(30), RateLimit.perMinute(60));
    provider(
        ProviderId.ALPHA_VANTAGE,
        RateLimit.perSecond(1),
        RateLimit.perMinute(5),
        RateLimit.perDay(25));
    when(jobs.create(any()))
        .thenAnswer(call -> CompletableFuture.completedFuture(call.getArgument(0)));
    service = new StartPollJobService(providers, jobs, new MutableClock(T0));
  }

  private static PollRequest request(int interval, String provider, String... symbols) {
    return new PollRequest(
        java.util.Arrays.stream(symbols).map(Symbol::of).toList(),
        Duration.ofSeconds(interval),
        Optional.ofNullable(provider).map(ProviderId::of));
  }

  private Throwable failure(PollRequest request) {
    return Futures.unwrap(service.start(request).toCompletableFuture().handle((v, e) -> e).join());
  }

  @Test
  void givenNoProvider_start_usesTheDefaultAndIsDueAtOnce() {
    StartedPollJob started =
        service.start(request(1, null, "AAPL", "MSFT")).toCompletableFuture().join();

    PollJob job = started.job();
    assertThat(job.provider()).isEqualTo(ProviderId.SIMULATED);
    assertThat(job.symbols()).containsExactly(Symbol.of("AAPL"), Symbol.of("MSFT"));
    assertThat(job.nextRunAt()).isEqualTo(T0);
    assertThat(job.active()).isTrue();
    assertThat(started.warnings()).isEmpty();
    verify(jobs).create(job);
  }

  @Test
  void givenAJobBeyondThePerMinuteBudget_start_isRefusedNamingAFittingInterval() {
    Throwable failure = failure(request(1, "finnhub", "AAPL", "MSFT"));

    assertThat(failure).isInstanceOf(UnservableRequest.class);
    UnservableRequest refused = (UnservableRequest) failure;
    assertThat(refused.field()).isEqualTo("interval");
    assertThat(refused.suggestion()).isEqualTo("an interval of at least 2 s would fit");
    verify(jobs, never()).create(any());
  }

  @Test
  void givenAJobWithinEveryBudget_start_isAccepted() {
    assertThat(service.start(request(2, "finnhub", "AAPL", "MSFT")).toCompletableFuture().join())
        .isNotNull();
  }

  @Test
  void givenAJobThatExhaustsTheDailyBudget_start_acceptsWithAWarning() {
    StartedPollJob started =
        service.start(request(60, "alpha_vantage", "IBM")).toCompletableFuture().join();

    assertThat(started.warnings())
        .singleElement()
        .asString()
        .contains("25 calls per day")
        .contains("runs out after about 1500 s")
        .contains(T0.plusSeconds(1500).toString());
  }

  @Test
  void givenUnknownProvider_start_failsWithoutStoring() {
    when(providers.get(ProviderId.of("nope")))
        .thenThrow(new InvalidInput("provider", "nope", "is not enabled"));

    assertThat(failure(request(60, "nope", "AAPL"))).isInstanceOf(InvalidInput.class);
    verify(jobs, never()).create(any());
  }

  @Test
  void pollRequest_rejectsBadIntervalsAndEmptySymbols() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> request(0, null, "AAPL"))
        .isInstanceOf(InvalidInput.class)
        .hasMessageStartingWith("interval");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> request(86_401, null, "AAPL"))
        .hasMessageStartingWith("interval");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> request(5, null))
        .hasMessageStartingWith("symbols");
    assertThat(request(5, null, "AAPL", "aapl", "MSFT").symbols())
        .containsExactly(Symbol.of("AAPL"), Symbol.of("MSFT"));
  }
}
