package dev.marketdata.application.poll;

import static dev.marketdata.testsupport.Samples.fetched;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.marketdata.application.fake.InMemoryPollJobs;
import dev.marketdata.application.ingest.IngestQuoteUseCase;
import dev.marketdata.application.testing.ManualDelay;
import dev.marketdata.domain.failure.InvalidInput;
import dev.marketdata.domain.failure.ProviderThrottled;
import dev.marketdata.domain.failure.ProviderUnavailable;
import dev.marketdata.domain.failure.SymbolNotFound;
import dev.marketdata.domain.market.MarketHours;
import dev.marketdata.domain.market.TradingCalendar;
import dev.marketdata.domain.model.FetchedQuote;
import dev.marketdata.domain.model.PollJob;
import dev.marketdata.domain.model.PricePoint;
import dev.marketdata.domain.model.ProviderChain;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.ProviderStatus;
import dev.marketdata.domain.model.Symbol;
import dev.marketdata.domain.port.QuoteProvider;
import dev.marketdata.domain.port.QuoteProviders;
import dev.marketdata.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Poll jobs that follow the XNYS sessions (America/New_York is UTC-5 in these weeks) and chains
 * that fall back, with a fixed clock and the in-memory job store.
 */
class RunPollTickServiceMarketHoursTest {
  // Thursday 2026-11-26 is Thanksgiving (closed); Friday 2026-11-27 opens at 09:30 and closes at
  // 13:00; Saturday 2026-11-28 and Sunday are the weekend; Monday 2026-11-30 is a full day.
  private static final Instant THANKSGIVING_10AM = Instant.parse("2026-11-26T15:00:00Z");
  private static final Instant FRIDAY_OPEN = Instant.parse("2026-11-27T14:30:00Z");
  private static final Instant SATURDAY_NOON = Instant.parse("2026-11-28T17:00:00Z");
  private static final Instant MONDAY_7AM = Instant.parse("2026-11-30T12:00:00Z");
  private static final Instant MONDAY_OPEN = Instant.parse("2026-11-30T14:30:00Z");
  private static final Instant MONDAY_1530 = Instant.parse("2026-11-30T20:30:00Z");
  private static final Instant TUESDAY_OPEN = Instant.parse("2026-12-01T14:30:00Z");
  private static final Instant BEYOND_THE_TABLE = Instant.parse("2028-01-04T15:00:00Z");
  private static final Symbol AAPL = Symbol.of("AAPL");
  private static final Symbol MSFT = Symbol.of("MSFT");

  private final MutableClock clock = new MutableClock(THANKSGIVING_10AM);
  private final ManualDelay delay = new ManualDelay(clock);
  private final InMemoryPollJobs jobs = new InMemoryPollJobs();
  private final Map<ProviderId, QuoteProvider> enabled = new HashMap<>();
  private final List<FetchedQuote> stored = new CopyOnWriteArrayList<>();
  private final QuoteProvider finnhub = provider(ProviderId.FINNHUB);
  private final QuoteProvider yahoo = provider(ProviderId.YAHOO);
  private RunPollTickService service;

  private QuoteProvider provider(ProviderId id) {
    QuoteProvider provider = mock(QuoteProvider.class);
    when(provider.id()).thenReturn(id);
    when(provider.status()).thenReturn(ProviderStatus.available(id, List.of(), List.of()));
    when(provider.fetch(any()))
        .thenAnswer(
            call -> {
              Symbol symbol = call.getArgument(0);
              return CompletableFuture.completedFuture(
                  fetched(symbol.value(), id, "100", clock.instant()));
            });
    enabled.put(id, provider);
    return provider;
  }

  @BeforeEach
  void setUp() {
    service = replica("replica-1");
  }

  private RunPollTickService replica(String owner) {
    QuoteProviders providers =
        new QuoteProviders() {
          @Override
          public ProviderId defaultProvider() {
            return ProviderId.FINNHUB;
          }

          @Override
          public QuoteProvider get(ProviderId id) {
            QuoteProvider provider = enabled.get(id);
            if (provider == null) {
              throw new InvalidInput("provider", id, "is not enabled");
            }
            return provider;
          }

          @Override
          public List<ProviderStatus> statuses() {
            return List.of();
          }
        };
    IngestQuoteUseCase ingest = mock(IngestQuoteUseCase.class);
    when(ingest.ingestAll(any()))
        .thenAnswer(
            call -> {
              List<FetchedQuote> batch = call.getArgument(0);
              stored.addAll(batch);
              return CompletableFuture.completedFuture(batch.stream().map(PricePoint::of).toList());
            });
    return new RunPollTickService(
        jobs,
        providers,
        ingest,
        clock,
        delay,
        PollSettings.defaults(owner),
        TradingCalendar.usEquities(),
        Backpressure.off(clock, delay));
  }

  private PollJob job(String chain, MarketHours hours, Duration interval, Symbol... symbols) {
    PollJob job =
        PollJob.start(
            UUID.randomUUID(),
            List.of(symbols),
            interval,
            ProviderChain.parse("provider", chain),
            hours,
            clock.instant());
    return jobs.create(job).toCompletableFuture().join();
  }

  private void at(Instant instant) {
    clock.advance(Duration.between(clock.instant(), instant));
  }

  private void tick() {
    service.runTick().toCompletableFuture().join();
  }

  private PollJob saved(PollJob job) {
    return jobs.find(job.id()).toCompletableFuture().join().orElseThrow();
  }

  @Test
  void givenARegularHoursJobOnAHoliday_tick_callsNoProviderAndWaitsForTheNextOpen() {
    PollJob job = job("finnhub", MarketHours.REGULAR, Duration.ofSeconds(60), AAPL);

    tick();

    verify(finnhub, never()).fetch(any());
    PollJob after = saved(job);
    assertThat(after.nextRunAt()).isEqualTo(FRIDAY_OPEN);
    assertThat(after.waiting()).get().asString().startsWith("market closed: Thanksgiving");
    assertThat(after.runCount()).isZero();
    assertThat(after.lastRun()).isEmpty();
    assertThat(after.active()).isTrue();
  }

  @Test
  void givenAnAlwaysJobOnAHoliday_tick_pollsAsBefore() {
    PollJob job = job("finnhub", MarketHours.ALWAYS, Duration.ofSeconds(60), AAPL);

    tick();

    verify(finnhub).fetch(AAPL);
    assertThat(saved(job).runCount()).isEqualTo(1);
    assertThat(saved(job).waiting()).isEmpty();
  }

  @Test
  void givenPreMarket_tick_pollsTheExtendedJobButNotTheRegularOne() {
    at(MONDAY_7AM);
    PollJob regular = job("finnhub", MarketHours.REGULAR, Duration.ofSeconds(60), AAPL);
    PollJob extended = job("yahoo", MarketHours.EXTENDED, Duration.ofSeconds(60), AAPL);

    tick();

    verify(finnhub, never()).fetch(any());
    verify(yahoo).fetch(AAPL);
    assertThat(saved(regular).nextRunAt()).isEqualTo(MONDAY_OPEN);
    assertThat(saved(regular).waiting()).contains("outside the regular session: pre-market");
    assertThat(saved(extended).runCount()).isEqualTo(1);
    assertThat(saved(extended).nextRunAt()).isEqualTo(MONDAY_7AM.plusSeconds(60));
  }

  @Test
  void givenAWeekend_job_resumesByItselfAtTheOpenAndKeepsItsCadenceFromThere() {
    at(SATURDAY_NOON);
    PollJob job = job("finnhub", MarketHours.REGULAR, Duration.ofSeconds(3600), AAPL);

    tick();
    assertThat(saved(job).waiting()).contains("market closed: weekend");
    assertThat(saved(job).nextRunAt()).isEqualTo(MONDAY_OPEN);

    at(MONDAY_OPEN.minusSeconds(1));
    tick(); // not due yet
    verify(finnhub, never()).fetch(any());

    at(MONDAY_OPEN);
    tick();

    verify(finnhub, times(1)).fetch(AAPL);
    PollJob resumed = saved(job);
    assertThat(resumed.runCount()).isEqualTo(1);
    assertThat(resumed.waiting()).isEmpty();
    assertThat(resumed.nextRunAt()).isEqualTo(MONDAY_OPEN.plusSeconds(3600));
  }

  @Test
  void givenTheLastRunOfTheSession_run_schedulesTheNextAtTheNextOpenSayingWhy() {
    at(MONDAY_1530);
    PollJob job = job("finnhub", MarketHours.REGULAR, Duration.ofSeconds(3600), AAPL);

    tick();

    verify(finnhub).fetch(AAPL);
    PollJob after = saved(job);
    assertThat(after.runCount()).isEqualTo(1);
    // 16:30 New York is after the close: the next run is Tuesday's open
    assertThat(after.nextRunAt()).isEqualTo(TUESDAY_OPEN);
    assertThat(after.waiting()).get().asString().startsWith("outside the regular session");
  }

  @Test
  void givenATimeBeyondTheCalendar_tick_pollsAsAlwaysAndSaysSo() {
    at(BEYOND_THE_TABLE);
    PollJob job = job("finnhub", MarketHours.REGULAR, Duration.ofSeconds(60), AAPL);

    tick();

    verify(finnhub).fetch(AAPL);
    PollJob after = saved(job);
    assertThat(after.runCount()).isEqualTo(1);
    assertThat(after.waiting()).isEmpty();
    assertThat(after.nextRunAt()).isEqualTo(BEYOND_THE_TABLE.plusSeconds(60));
    assertThat(after.calendarNote())
        .contains("2025-01-01 to 2027-12-31")
        .contains("polls at any hour");
  }

  @Test
  void givenAThrottledFirstProvider_run_fetchesTheSymbolFromTheNextAndRecordsTheFallback() {
    at(MONDAY_OPEN);
    when(finnhub.fetch(AAPL))
        .thenReturn(
            CompletableFuture.failedFuture(
                new ProviderThrottled("finnhub", Duration.ofSeconds(30), false, "429")));
    PollJob job = job("finnhub,yahoo", MarketHours.REGULAR, Duration.ofSeconds(60), AAPL, MSFT);

    tick();

    verify(yahoo).fetch(AAPL);
    verify(yahoo, never()).fetch(MSFT); // finnhub served MSFT: no fallback needed
    assertThat(stored)
        .extracting(q -> q.quote().symbol().value() + "@" + q.quote().provider())
        .containsExactlyInAnyOrder("AAPL@yahoo", "MSFT@finnhub");
    PollJob after = saved(job);
    assertThat(after.error()).isEmpty();
    assertThat(after.fallbacks().count()).isEqualTo(1);
    assertThat(after.fallbacks().lastSymbol()).isEqualTo(AAPL);
    assertThat(after.fallbacks().lastFrom()).containsExactly(ProviderId.FINNHUB);
    assertThat(after.fallbacks().lastProvider()).isEqualTo(ProviderId.YAHOO);
  }

  @Test
  void givenAServerErrorThenNotFound_run_fallsBackOnTheFirstButNeverOnNotFound() {
    at(MONDAY_OPEN);
    when(finnhub.fetch(AAPL))
        .thenReturn(
            CompletableFuture.failedFuture(
                new ProviderUnavailable(
                    "finnhub", ProviderUnavailable.Kind.SERVER_ERROR, "HTTP 503", null)));
    when(finnhub.fetch(MSFT))
        .thenReturn(CompletableFuture.failedFuture(new SymbolNotFound("MSFT", "finnhub")));
    PollJob job = job("finnhub,yahoo", MarketHours.ALWAYS, Duration.ofSeconds(60), AAPL, MSFT);

    tick();

    verify(yahoo).fetch(AAPL);
    verify(yahoo, never()).fetch(MSFT);
    PollJob after = saved(job);
    assertThat(after.error()).get().asString().contains("MSFT").contains("not found");
    assertThat(after.fallbacks().count()).isEqualTo(1);
  }

  @Test
  void givenAFirstProviderDisabledSinceTheJobStarted_run_fallsBackPastIt() {
    at(MONDAY_OPEN);
    enabled.remove(ProviderId.FINNHUB);
    PollJob job = job("finnhub,yahoo", MarketHours.ALWAYS, Duration.ofSeconds(60), AAPL);

    tick();

    verify(yahoo).fetch(AAPL);
    assertThat(stored).extracting(q -> q.quote().provider()).containsExactly(ProviderId.YAHOO);
    assertThat(saved(job).error()).isEmpty();
    assertThat(saved(job).fallbacks().lastFrom()).containsExactly(ProviderId.FINNHUB);
  }

  @Test
  void givenEveryProviderOfTheChainFailing_run_failsTheSymbolAndBacksOff() {
    at(MONDAY_OPEN);
    enabled.remove(ProviderId.YAHOO);
    when(finnhub.fetch(AAPL))
        .thenReturn(
            CompletableFuture.failedFuture(
                new ProviderUnavailable(
                    "finnhub", ProviderUnavailable.Kind.TIMEOUT, "no answer in 3 s", null)));
    PollJob job = job("finnhub,yahoo", MarketHours.ALWAYS, Duration.ofSeconds(60), AAPL);

    tick();

    PollJob after = saved(job);
    assertThat(after.error()).isPresent();
    assertThat(after.consecutiveFailures()).isEqualTo(1);
    assertThat(after.fallbacks().count()).isZero();
    assertThat(stored).isEmpty();
  }

  @Test
  void givenTwoPollerReplicas_aJobOneSavedWaiting_isRunByTheOtherAtTheOpen() {
    // Claiming is unchanged (one lease per job); the waiting job is an ordinary future job.
    RunPollTickService other = replica("replica-2");
    at(SATURDAY_NOON);
    PollJob job = job("finnhub", MarketHours.REGULAR, Duration.ofSeconds(3600), AAPL);

    tick(); // replica-1 claims it and saves it waiting for Monday
    at(SATURDAY_NOON.plusSeconds(3600));
    other.runTick().toCompletableFuture().join(); // not due for anyone
    verify(finnhub, never()).fetch(any());

    at(MONDAY_OPEN);
    other.runTick().toCompletableFuture().join();

    verify(finnhub, times(1)).fetch(AAPL);
    assertThat(saved(job).runCount()).isEqualTo(1);
    assertThat(saved(job).waiting()).isEmpty();
  }
}
