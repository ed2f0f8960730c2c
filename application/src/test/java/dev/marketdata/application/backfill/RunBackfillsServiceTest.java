package dev.marketdata.application.backfill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.marketdata.domain.failure.ProviderThrottled;
import dev.marketdata.domain.failure.SymbolNotFound;
import dev.marketdata.domain.model.BackfillJob;
import dev.marketdata.domain.model.BackfillJobStatus;
import dev.marketdata.domain.model.FetchedHistory;
import dev.marketdata.domain.model.Ids;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.RawResponse;
import dev.marketdata.domain.model.Symbol;
import dev.marketdata.domain.model.SymbolBackfill;
import dev.marketdata.domain.port.BackfillJobRepository;
import dev.marketdata.domain.port.DailyBarRepository;
import dev.marketdata.domain.port.HistoryProvider;
import dev.marketdata.domain.port.QuoteProvider;
import dev.marketdata.domain.port.QuoteProviders;
import dev.marketdata.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RunBackfillsServiceTest {
  static final Instant T0 = Instant.parse("2026-11-30T12:00:00Z");
  static final Symbol AAPL = Symbol.of("AAPL");
  static final Symbol MSFT = Symbol.of("MSFT");
  static final LocalDate FROM = LocalDate.parse("2026-01-02");
  static final LocalDate TO = LocalDate.parse("2026-01-09");

  final MutableClock clock = new MutableClock(T0);
  final QuoteProviders providers = mock(QuoteProviders.class);
  final QuoteProvider provider = mock(QuoteProvider.class);
  final HistoryProvider history = mock(HistoryProvider.class);
  final DailyBarRepository bars = mock(DailyBarRepository.class);
  final FakeJobs jobs = new FakeJobs();
  RunBackfillsService service;

  @BeforeEach
  void wire() {
    when(providers.get(ProviderId.YAHOO)).thenReturn(provider);
    when(provider.history()).thenReturn(Optional.of(history));
    when(bars.store(any())).thenReturn(CompletableFuture.completedFuture(5));
    service =
        new RunBackfillsService(
            jobs, bars, providers, BackfillSettings.defaults("replica-1"), clock);
  }

  BackfillJob job() {
    return BackfillJob.accept(
        UUID.randomUUID(), List.of(AAPL, MSFT), ProviderId.YAHOO, FROM, TO, T0);
  }

  CompletableFuture<FetchedHistory> answer(Symbol symbol) {
    RawResponse raw =
        new RawResponse(Ids.newUuidV7(clock), ProviderId.YAHOO, symbol, 200, new byte[0], null, T0);
    return CompletableFuture.completedFuture(new FetchedHistory(List.of(), raw));
  }

  @Test
  void givenTwoSymbols_run_fetchesEachOnceAndCompletes() {
    jobs.due.add(job());
    when(history.dailyHistory(AAPL, FROM, TO)).thenReturn(answer(AAPL));
    when(history.dailyHistory(MSFT, FROM, TO)).thenReturn(answer(MSFT));

    assertThat(service.runDue().toCompletableFuture().join()).isEqualTo(1);

    BackfillJob done = jobs.released.get(0);
    assertThat(done.status()).isEqualTo(BackfillJobStatus.COMPLETED);
    assertThat(done.barsStored()).isEqualTo(10);
    verify(bars, times(2)).store(any());
  }

  @Test
  void givenThrottle_run_pausesTheJobUntilRetryAfterAndFailsNothing() {
    jobs.due.add(job());
    when(history.dailyHistory(AAPL, FROM, TO)).thenReturn(answer(AAPL));
    when(history.dailyHistory(MSFT, FROM, TO))
        .thenReturn(
            CompletableFuture.failedFuture(
                new ProviderThrottled("yahoo", Duration.ofSeconds(90), false, "429")));

    service.runDue().toCompletableFuture().join();

    BackfillJob paused = jobs.released.get(0);
    assertThat(paused.status()).isEqualTo(BackfillJobStatus.RUNNING);
    assertThat(paused.nextRunAt()).isEqualTo(T0.plusSeconds(90));
    assertThat(paused.progress())
        .extracting(SymbolBackfill::state)
        .containsExactly(SymbolBackfill.State.DONE, SymbolBackfill.State.PENDING);
    assertThat(paused.lastError()).contains("throttled");
  }

  @Test
  void givenUnknownSymbol_run_failsThatSymbolOnlyAndCompletes() {
    jobs.due.add(job());
    when(history.dailyHistory(AAPL, FROM, TO))
        .thenReturn(CompletableFuture.failedFuture(new SymbolNotFound("AAPL", "yahoo")));
    when(history.dailyHistory(MSFT, FROM, TO)).thenReturn(answer(MSFT));

    service.runDue().toCompletableFuture().join();

    BackfillJob done = jobs.released.get(0);
    assertThat(done.status()).isEqualTo(BackfillJobStatus.COMPLETED);
    assertThat(done.progress().get(0).state()).isEqualTo(SymbolBackfill.State.FAILED);
    assertThat(done.progress().get(0).error()).contains("not found");
  }

  @Test
  void givenEverySymbolUnknown_run_failsTheJob() {
    jobs.due.add(job());
    when(history.dailyHistory(any(), eq(FROM), eq(TO)))
        .thenReturn(CompletableFuture.failedFuture(new SymbolNotFound("X", "yahoo")));

    service.runDue().toCompletableFuture().join();

    assertThat(jobs.released.get(0).status()).isEqualTo(BackfillJobStatus.FAILED);
  }

  @Test
  void givenLeaseLostAfterFirstSymbol_run_stopsWithoutFetchingMore() {
    jobs.due.add(job());
    jobs.leaseHeld = false;
    when(history.dailyHistory(AAPL, FROM, TO)).thenReturn(answer(AAPL));

    service.runDue().toCompletableFuture().join();

    verify(history, times(1)).dailyHistory(any(), any(), any());
    assertThat(jobs.released).isEmpty();
  }

  /** Hands out the jobs put in {@link #due} and records what the runner saves. */
  static final class FakeJobs implements BackfillJobRepository {
    final List<BackfillJob> due = new ArrayList<>();
    final List<BackfillJob> released = new ArrayList<>();
    boolean leaseHeld = true;

    @Override
    public CompletionStage<BackfillJob> create(BackfillJob job) {
      return CompletableFuture.completedFuture(job);
    }

    @Override
    public CompletionStage<Optional<BackfillJob>> find(UUID id) {
      return CompletableFuture.completedFuture(Optional.empty());
    }

    @Override
    public CompletionStage<List<BackfillJob>> claimDue(
        Instant now, int limit, String owner, Duration lease) {
      List<BackfillJob> claimed = List.copyOf(due);
      due.clear();
      return CompletableFuture.completedFuture(claimed);
    }

    @Override
    public CompletionStage<Boolean> saveProgress(
        BackfillJob job, String owner, Instant now, Duration lease) {
      return CompletableFuture.completedFuture(leaseHeld);
    }

    @Override
    public CompletionStage<Boolean> release(BackfillJob job, String owner) {
      released.add(job);
      return CompletableFuture.completedFuture(true);
    }
  }
}
