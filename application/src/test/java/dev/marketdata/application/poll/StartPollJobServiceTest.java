package dev.marketdata.application.poll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.marketdata.application.support.Futures;
import dev.marketdata.domain.failure.InvalidInput;
import dev.marketdata.domain.failure.UnservableRequest;
import dev.marketdata.domain.market.MarketHours;
import dev.marketdata.domain.market.TradingCalendar;
import dev.marketdata.domain.model.PollJob;
import dev.marketdata.domain.model.ProviderChain;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.ProviderStatus;
import dev.marketdata.domain.model.RateLimit;
import dev.marketdata.domain.model.Symbol;
import dev.marketdata.domain.port.PollJobRepository;
import dev.marketdata.domain.port.QuoteProvider;
import dev.marketdata.domain.port.QuoteProviders;
import dev.marketdata.testsupport.MutableClock;
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
    when(jobs.activeOn(any())).thenReturn(CompletableFuture.completedFuture(List.of()));
    service =
        new StartPollJobService(
            providers, jobs, new MutableClock(T0), TradingCalendar.usEquities());
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

  private void active(ProviderId provider, int interval, int symbols) {
    List<Symbol> names =
        java.util.stream.IntStream.range(0, symbols).mapToObj(i -> Symbol.of("X" + i)).toList();
    when(jobs.activeOn(provider))
        .thenReturn(
            CompletableFuture.completedFuture(
                List.of(
                    PollJob.start(
                        java.util.UUID.randomUUID(),
                        names,
                        Duration.ofSeconds(interval),
                        provider,
                        T0))));
  }

  @Test
  void givenAnotherJobUsingHalfThePerMinuteBudget_start_isRefusedNamingAnIntervalThatFitsWithIt() {
    active(ProviderId.FINNHUB, 4, 2); // 30 of finnhub's 60 calls a minute

    Throwable failure = failure(request(2, "finnhub", "AAPL", "MSFT")); // would be 60 more

    assertThat(failure)
        .isInstanceOfSatisfying(
            UnservableRequest.class,
            refused -> {
              assertThat(refused.field()).isEqualTo("interval");
              assertThat(refused.getMessage())
                  .contains("on top of its 1 other active job(s) (about 30 calls per minute)")
                  .contains("the 60 calls per minute that finnhub allows");
              assertThat(refused.suggestion()).isEqualTo("an interval of at least 4 s would fit");
            });
    verify(jobs, never()).create(any());
    assertThat(service.start(request(4, "finnhub", "AAPL", "MSFT")).toCompletableFuture().join())
        .isNotNull();
  }

  @Test
  void givenOtherJobsUsingThePerSecondBurst_start_isRefusedEvenWithinThePerMinuteBudget() {
    provider(ProviderId.YAHOO, RateLimit.perSecond(2), RateLimit.perMinute(600));
    active(ProviderId.YAHOO, 60, 90); // 1.5 calls a second

    Throwable failure =
        failure(
            request(
                60, "yahoo", "A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L", "M", "N",
                "O", "P", "Q", "R", "S", "T", "U", "V", "W", "X", "Y", "Z", "AA", "AB", "AC", "AD",
                "AE", "AF", "AG", "AH", "AI", "AJ", "AK", "AL", "AM", "AN", "AO", "AP", "AQ", "AR",
                "AS", "AT", "AU", "AV", "AW", "AX", "AY", "AZ", "BA", "BB", "BC", "BD", "BE", "BF",
                "BG", "BH"));

    // 60 symbols need one call a second; only half a call a second is left
    assertThat(failure)
        .isInstanceOfSatisfying(
            UnservableRequest.class,
            refused -> {
              assertThat(refused.getMessage()).contains("2 calls per second that yahoo allows");
              assertThat(refused.suggestion()).isEqualTo("an interval of at least 120 s would fit");
            });
  }

  @Test
  void givenOtherJobsUsingTheWholeBudget_start_saysNoIntervalFits() {
    active(ProviderId.FINNHUB, 1, 1); // 60 calls a minute: all of it

    Throwable failure = failure(request(86_400, "finnhub", "AAPL"));

    assertThat(failure)
        .isInstanceOfSatisfying(
            UnservableRequest.class,
            refused ->
                assertThat(refused.suggestion())
                    .startsWith("no interval fits while the other active finnhub jobs use"));
  }

  @Test
  void givenAnotherJobSharingTheDailyBudget_start_warnsItRunsOutSooner() {
    active(ProviderId.ALPHA_VANTAGE, 60, 1);

    StartedPollJob started =
        service.start(request(60, "alpha_vantage", "IBM")).toCompletableFuture().join();

    // Both jobs call at 0, 60, 120 s, ... (the check assumes them in phase: the earliest case),
    // so the 26th call of the day, the first refused, is the second call at 720 s.
    assertThat(started.warnings())
        .singleElement()
        .asString()
        .contains("runs out after about 720 s")
        .contains("with its 1 other active job(s)");
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

  // Market hours. New York is UTC-5 in these weeks; Monday 2026-11-30 is a full trading day.
  private static final Instant SATURDAY_NOON = Instant.parse("2026-11-28T17:00:00Z");
  private static final Instant MONDAY_10AM = Instant.parse("2026-11-30T15:00:00Z");
  private static final Instant MONDAY_OPEN = Instant.parse("2026-11-30T14:30:00Z");

  private StartedPollJob startAt(Instant now, PollRequest request) {
    return new StartPollJobService(
            providers, jobs, new MutableClock(now), TradingCalendar.usEquities())
        .start(request)
        .toCompletableFuture()
        .join();
  }

  private static PollRequest hourly(String provider, MarketHours hours, String... symbols) {
    return new PollRequest(
        java.util.Arrays.stream(symbols).map(Symbol::of).toList(),
        Duration.ofSeconds(3600),
        Optional.of(ProviderChain.parse("provider", provider)),
        hours);
  }

  @Test
  void givenThreeSymbolsHourlyInRegularHours_start_countsSevenCallsEachAndDoesNotWarn() {
    // 09:30, 10:30, ... 15:30: 7 calls a trading day per symbol, 21 of the 25; always would be 72
    assertThat(
            startAt(MONDAY_10AM, hourly("alpha_vantage", MarketHours.REGULAR, "IBM", "A", "B"))
                .warnings())
        .isEmpty();
    assertThat(
            startAt(MONDAY_10AM, hourly("alpha_vantage", MarketHours.ALWAYS, "IBM", "A", "B"))
                .warnings())
        .singleElement()
        .asString()
        .contains("25 calls per day");
  }

  @Test
  void givenARegularHoursJobCreatedOnASaturday_start_warnsWhenMondaysSessionRunsOut() {
    // 4 symbols hourly from Monday's open: 28 calls; the 26th is at 15:30 New York (20:30 UTC).
    // Counting the next 24 hours from Saturday would find no call at all and say nothing.
    StartedPollJob started =
        startAt(SATURDAY_NOON, hourly("alpha_vantage", MarketHours.REGULAR, "IBM", "A", "B", "C"));

    Instant runsOut = Instant.parse("2026-11-30T20:30:00Z");
    assertThat(started.warnings())
        .singleElement()
        .asString()
        .contains("runs out after about " + Duration.between(SATURDAY_NOON, runsOut).toSeconds())
        .contains("at " + runsOut)
        .contains("counting only the calls of the regular market hours");
    // and the job itself sleeps until Monday's open, saying why
    assertThat(started.job().nextRunAt()).isEqualTo(MONDAY_OPEN);
    assertThat(started.job().waiting()).contains("market closed: weekend");
  }

  @Test
  void givenAnExtendedHoursJob_start_countsPreAndAfterHoursToo() {
    // 04:00-20:00: 16 calls a day for one hourly symbol, so two symbols (32) exceed 25
    assertThat(
            startAt(MONDAY_10AM, hourly("alpha_vantage", MarketHours.EXTENDED, "IBM")).warnings())
        .isEmpty();
    assertThat(
            startAt(MONDAY_10AM, hourly("alpha_vantage", MarketHours.EXTENDED, "IBM", "A"))
                .warnings())
        .singleElement()
        .asString()
        .contains("counting only the calls of the extended market hours");
  }

  @Test
  void givenARegularHoursJobOnASaturday_start_stillChecksThePerMinuteRateOfItsSessions() {
    PollRequest tooFast =
        new PollRequest(
            List.of(Symbol.of("AAPL"), Symbol.of("MSFT")),
            Duration.ofSeconds(1),
            Optional.of(ProviderChain.of(ProviderId.FINNHUB)),
            MarketHours.REGULAR);

    Throwable failure =
        Futures.unwrap(
            new StartPollJobService(
                    providers, jobs, new MutableClock(SATURDAY_NOON), TradingCalendar.usEquities())
                .start(tooFast)
                .toCompletableFuture()
                .handle((v, e) -> e)
                .join());

    assertThat(failure)
        .isInstanceOfSatisfying(
            UnservableRequest.class,
            refused ->
                assertThat(refused.suggestion())
                    .isEqualTo("an interval of at least 2 s would fit"));
  }

  @Test
  void givenAChain_start_checksTheFirstProvidersBudgetAndRefusesAnUnknownFallback() {
    StartedPollJob started =
        startAt(MONDAY_10AM, hourly("finnhub,alpha_vantage", MarketHours.ALWAYS, "IBM"));
    assertThat(started.job().providers().wire()).isEqualTo("finnhub,alpha_vantage");
    assertThat(started.warnings()).isEmpty(); // 24 calls a day would be alpha_vantage's, not used
    verify(jobs).activeOn(ProviderId.FINNHUB);

    when(providers.get(ProviderId.of("nope")))
        .thenThrow(new InvalidInput("provider", "nope", "is not enabled"));
    Throwable failure =
        Futures.unwrap(
            new StartPollJobService(
                    providers, jobs, new MutableClock(MONDAY_10AM), TradingCalendar.usEquities())
                .start(hourly("finnhub,nope", MarketHours.ALWAYS, "IBM"))
                .toCompletableFuture()
                .handle((v, e) -> e)
                .join());
    assertThat(failure).isInstanceOf(InvalidInput.class);
  }
}
