package dev.marketdata.application.poll;

import static dev.marketdata.testsupport.Samples.fetched;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.marketdata.application.ingest.IngestQuoteUseCase;
import dev.marketdata.application.testing.ManualDelay;
import dev.marketdata.domain.failure.ProviderThrottled;
import dev.marketdata.domain.failure.SymbolNotFound;
import dev.marketdata.domain.market.TradingCalendar;
import dev.marketdata.domain.model.FetchedQuote;
import dev.marketdata.domain.model.PollJob;
import dev.marketdata.domain.model.PricePoint;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.Symbol;
import dev.marketdata.domain.port.PollJobRepository;
import dev.marketdata.domain.port.QuoteProvider;
import dev.marketdata.domain.port.QuoteProviders;
import dev.marketdata.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

class RunPollTickServiceTest {
  private static final Instant T0 = Instant.parse("2024-03-20T10:30:00Z");
  private static final Symbol AAPL = Symbol.of("AAPL");
  private static final Symbol MSFT = Symbol.of("MSFT");

  private final MutableClock clock = new MutableClock(T0);
  private final ManualDelay delay = new ManualDelay(clock);
  private final PollJobRepository jobs = mock(PollJobRepository.class);
  private final QuoteProviders providers = mock(QuoteProviders.class);
  private final QuoteProvider finnhub = mock(QuoteProvider.class);
  private final IngestQuoteUseCase ingest = mock(IngestQuoteUseCase.class);
  private final PollSettings settings = PollSettings.defaults("replica-1");
  private final List<FetchedQuote> ingested = new java.util.concurrent.CopyOnWriteArrayList<>();
  private RunPollTickService service;

  @BeforeEach
  void setUp() {
    when(providers.get(ProviderId.FINNHUB)).thenReturn(finnhub);
    when(ingest.ingestAll(anyList()))
        .thenAnswer(
            call -> {
              List<FetchedQuote> batch = call.getArgument(0);
              ingested.addAll(batch);
              return CompletableFuture.completedFuture(batch.stream().map(PricePoint::of).toList());
            });
    when(jobs.complete(any(), any())).thenReturn(CompletableFuture.completedFuture(null));
    when(finnhub.status())
        .thenReturn(
            dev.marketdata.domain.model.ProviderStatus.available(
                ProviderId.FINNHUB, List.of(), List.of()));
    service =
        new RunPollTickService(
            jobs,
            providers,
            ingest,
            clock,
            delay,
            settings,
            TradingCalendar.usEquities(),
            Backpressure.off(clock, delay));
  }

  private void due(PollJob... claimed) {
    when(jobs.claimDue(eq(T0), anyInt(), eq("replica-1"), eq(settings.lease())))
        .thenReturn(CompletableFuture.completedFuture(List.of(claimed)));
  }

  private static PollJob job(Symbol... symbols) {
    return PollJob.start(
        UUID.randomUUID(), List.of(symbols), Duration.ofSeconds(10), ProviderId.FINNHUB, T0);
  }

  private void quotes(Symbol symbol, String price) {
    when(finnhub.fetch(symbol))
        .thenReturn(
            CompletableFuture.completedFuture(
                fetched(symbol.value(), ProviderId.FINNHUB, price, T0)));
  }

  private List<PollJob> completedJobs() {
    ArgumentCaptor<PollJob> saved = ArgumentCaptor.forClass(PollJob.class);
    verify(jobs, times(2)).complete(saved.capture(), eq("replica-1"));
    return saved.getAllValues();
  }

  @Test
  void givenNoDueJobs_tick_doesNothing() {
    due();
    assertThat(service.runTick().toCompletableFuture().join())
        .isEqualTo(new RunPollTickUseCase.TickReport(0, 0, 0));
    verify(finnhub, never()).fetch(any());
  }

  @Test
  void givenTwoJobsWantingTheSameSymbol_tick_runsEachOnItsOwn() {
    // Each run is independent (its own deadline, lease and pacing), so a symbol two jobs share is
    // fetched by each; the budget check counts both jobs' calls for the same reason.
    PollJob first = job(AAPL, MSFT);
    PollJob second = job(AAPL);
    due(first, second);
    quotes(AAPL, "150");
    quotes(MSFT, "300");

    RunPollTickUseCase.TickReport report = service.runTick().toCompletableFuture().join();

    assertThat(report).isEqualTo(new RunPollTickUseCase.TickReport(2, 0, 0));
    verify(finnhub, times(2)).fetch(AAPL);
    verify(finnhub, times(1)).fetch(MSFT);
    assertThat(ingested).hasSize(3);
    verify(ingest, times(2)).ingestAll(anyList()); // one transaction per job's chunk
    List<PollJob> saved = completedJobs();
    assertThat(saved).allSatisfy(j -> assertThat(j.runCount()).isEqualTo(1));
    assertThat(saved).allSatisfy(j -> assertThat(j.error()).isEmpty());
    assertThat(saved).allSatisfy(j -> assertThat(j.nextRunAt()).isEqualTo(T0.plusSeconds(10)));
  }

  @Test
  void givenEverySymbolFailing_tick_recordsTheErrorAndBacksOffButKeepsTheJob() {
    PollJob failing = job(MSFT);
    PollJob healthy = job(AAPL);
    due(failing, healthy);
    quotes(AAPL, "150");
    when(finnhub.fetch(MSFT))
        .thenReturn(
            CompletableFuture.failedFuture(
                new ProviderThrottled("finnhub", Duration.ofSeconds(30), false, "429")));

    service.runTick().toCompletableFuture().join();

    PollJob savedFailing =
        completedJobs().stream().filter(j -> j.id().equals(failing.id())).findFirst().orElseThrow();
    assertThat(savedFailing.active()).isTrue();
    assertThat(savedFailing.error()).get().asString().contains("MSFT").contains("throttled");
    assertThat(savedFailing.nextRunAt()).isEqualTo(T0.plusSeconds(30));
    assertThat(savedFailing.errorCount()).isEqualTo(1);
    assertThat(ingested) // nothing made up for MSFT
        .extracting(q -> q.quote().symbol())
        .containsExactly(AAPL);
  }

  @Test
  void givenOneOfTwoSymbolsUnknown_tick_keepsTheScheduleAndNamesTheSymbol() {
    PollJob mixed = job(AAPL, MSFT);
    PollJob other = job(AAPL);
    due(mixed, other);
    quotes(AAPL, "150");
    when(finnhub.fetch(MSFT))
        .thenReturn(CompletableFuture.failedFuture(new SymbolNotFound("MSFT", "finnhub")));

    service.runTick().toCompletableFuture().join();

    PollJob saved =
        completedJobs().stream().filter(j -> j.id().equals(mixed.id())).findFirst().orElseThrow();
    assertThat(saved.error()).get().asString().startsWith("MSFT: ");
    assertThat(saved.nextRunAt()).isEqualTo(T0.plusSeconds(10));
  }

  @Test
  void givenOurOwnBudgetSaysWaitABit_run_retriesWithinTheRun() {
    PollJob job = job(AAPL);
    due(job, job(MSFT));
    quotes(MSFT, "300");
    when(finnhub.fetch(AAPL))
        .thenReturn(
            CompletableFuture.failedFuture(
                new ProviderThrottled("finnhub", Duration.ofMillis(20), true, "budget")))
        .thenReturn(
            CompletableFuture.completedFuture(fetched("AAPL", ProviderId.FINNHUB, "150", T0)));

    service.runTick().toCompletableFuture().join();
    delay.advance(Duration.ofMillis(20));

    verify(finnhub, times(2)).fetch(AAPL);
    assertThat(completedJobs()).allSatisfy(j -> assertThat(j.error()).isEmpty());
  }

  @Test
  void givenTheStoreFailing_tick_recordsTheFailureForEveryFetchedSymbol() {
    PollJob job = job(AAPL, MSFT);
    due(job, job(AAPL));
    quotes(AAPL, "150");
    quotes(MSFT, "300");
    when(ingest.ingestAll(anyList()))
        .thenReturn(
            CompletableFuture.failedFuture(
                new dev.marketdata.domain.failure.DependencyUnavailable(
                    "postgresql", "down", null)));

    service.runTick().toCompletableFuture().join();

    verify(ingest, times(2)).ingestAll(anyList());
    PollJob saved =
        completedJobs().stream().filter(j -> j.id().equals(job.id())).findFirst().orElseThrow();
    assertThat(saved.error()).get().asString().contains("postgresql unavailable");
    assertThat(saved.consecutiveFailures()).isEqualTo(1);
  }

  @Test
  void givenMoreSymbolsThanABatch_tick_storesThemInSeveralTransactions() {
    service =
        new RunPollTickService(
            jobs,
            providers,
            ingest,
            clock,
            delay,
            new PollSettings("replica-1", 500, settings.lease(), 4, Duration.ofSeconds(3), 2),
            TradingCalendar.usEquities(),
            Backpressure.off(clock, delay));
    Symbol[] symbols = new Symbol[5];
    for (int i = 0; i < symbols.length; i++) {
      symbols[i] = Symbol.of("S" + i);
      quotes(symbols[i], "1" + i);
    }
    due(job(symbols), job(symbols[0]));

    service.runTick().toCompletableFuture().join();

    verify(ingest, times(4)).ingestAll(anyList()); // 2 + 2 + 1 for the first job, 1 for the second
    assertThat(ingested)
        .extracting(q -> q.quote().symbol())
        .containsExactlyInAnyOrder(
            symbols[0], symbols[1], symbols[2], symbols[3], symbols[4], symbols[0]);
  }
}
