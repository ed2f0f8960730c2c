package dev.marketdata.application.poll;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marketdata.application.fake.InMemoryPollJobs;
import dev.marketdata.application.ingest.IngestQuoteUseCase;
import dev.marketdata.application.testing.ManualDelay;
import dev.marketdata.application.testing.ScriptedProvider;
import dev.marketdata.domain.failure.InvalidInput;
import dev.marketdata.domain.market.TradingCalendar;
import dev.marketdata.domain.model.FetchedQuote;
import dev.marketdata.domain.model.PollJob;
import dev.marketdata.domain.model.PricePoint;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.ProviderStatus;
import dev.marketdata.domain.model.RateLimit;
import dev.marketdata.domain.model.Symbol;
import dev.marketdata.domain.port.QuoteProvider;
import dev.marketdata.domain.port.QuoteProviders;
import dev.marketdata.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * How runs are scheduled, against the in-memory job store, a provider that answers 429 like the
 * real ones, and timers that move with the test clock.
 */
class RunPollTickServiceSchedulingTest {
  private static final Instant T0 = Instant.parse("2026-11-30T10:00:00Z");
  private static final Duration LEASE = Duration.ofSeconds(60);
  private static final Symbol AAPL = Symbol.of("AAPL");
  private static final Symbol MSFT = Symbol.of("MSFT");

  private final MutableClock clock = new MutableClock(T0);
  private final ManualDelay delay = new ManualDelay(clock);
  private final InMemoryPollJobs jobs = new InMemoryPollJobs();
  private final Map<ProviderId, QuoteProvider> enabled = new HashMap<>();
  private final List<List<FetchedQuote>> stored = new CopyOnWriteArrayList<>();
  private final ScriptedProvider simulated = provider(ProviderId.SIMULATED);
  private final ScriptedProvider finnhub = provider(ProviderId.FINNHUB);
  private final ScriptedProvider yahoo =
      provider(ProviderId.YAHOO, RateLimit.perMinute(60), RateLimit.perSecond(2));
  private RunPollTickService service = service(new PollSettings("a", 500, LEASE, 32, secs(3), 200));

  private ScriptedProvider provider(ProviderId id, RateLimit... limits) {
    ScriptedProvider provider = new ScriptedProvider(id, clock, limits);
    enabled.put(id, provider);
    return provider;
  }

  private RunPollTickService service(PollSettings settings) {
    QuoteProviders providers =
        new QuoteProviders() {
          @Override
          public ProviderId defaultProvider() {
            return ProviderId.SIMULATED;
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
            return enabled.values().stream().map(QuoteProvider::status).toList();
          }
        };
    IngestQuoteUseCase ingest =
        new IngestQuoteUseCase() {
          @Override
          public CompletionStage<PricePoint> ingest(FetchedQuote fetched) {
            return ingestAll(List.of(fetched)).thenApply(points -> points.get(0));
          }

          @Override
          public CompletionStage<List<PricePoint>> ingestAll(List<FetchedQuote> batch) {
            stored.add(batch);
            return CompletableFuture.completedFuture(batch.stream().map(PricePoint::of).toList());
          }
        };
    return new RunPollTickService(
        jobs,
        providers,
        ingest,
        clock,
        delay,
        settings,
        TradingCalendar.usEquities(),
        Backpressure.off(clock, delay));
  }

  private static Duration secs(long seconds) {
    return Duration.ofSeconds(seconds);
  }

  private PollJob job(ProviderId provider, Duration interval, Symbol... symbols) {
    PollJob job =
        PollJob.start(UUID.randomUUID(), List.of(symbols), interval, provider, clock.instant());
    return jobs.create(job).toCompletableFuture().join();
  }

  private static Symbol[] symbols(int count) {
    Symbol[] symbols = new Symbol[count];
    for (int i = 0; i < count; i++) {
      symbols[i] = Symbol.of(String.format("S%04d", i));
    }
    return symbols;
  }

  private RunPollTickUseCase.TickReport tick() {
    CompletableFuture<RunPollTickUseCase.TickReport> tick = service.runTick().toCompletableFuture();
    assertThat(tick).as("a tick never waits for a run").isDone();
    return tick.join();
  }

  private PollJob saved(PollJob job) {
    return jobs.find(job.id()).toCompletableFuture().join().orElseThrow();
  }

  private List<PollJob> claimAs(String owner) {
    return jobs.claimDue(clock.instant(), 10, owner, LEASE).toCompletableFuture().join();
  }

  private int storedCount() {
    return stored.stream().mapToInt(List::size).sum();
  }

  @Test
  void givenSixtySymbolsEveryMinuteOnATwoPerSecondProvider_run_spreadsThemASecondApart() {
    PollJob job = job(ProviderId.YAHOO, secs(60), symbols(60));

    tick();
    delay.advance(secs(60));

    assertThat(yahoo.throttled()).isZero();
    List<Instant> calls = yahoo.callTimes();
    assertThat(calls).hasSize(60);
    for (int i = 0; i < calls.size(); i++) {
      assertThat(calls.get(i)).isEqualTo(T0.plusSeconds(i));
    }
    assertThat(storedCount()).isEqualTo(60);
    PollJob after = saved(job);
    assertThat(after.error()).isEmpty();
    assertThat(after.runCount()).isEqualTo(1);
    assertThat(after.nextRunAt()).isEqualTo(T0.plusSeconds(60));
  }

  @Test
  void givenSeveralSmallJobsOnOneRateLimitedProvider_runs_paceTheirCallsTogether() {
    job(ProviderId.YAHOO, secs(60), AAPL, MSFT);
    job(ProviderId.YAHOO, secs(60), Symbol.of("IBM"), Symbol.of("ORCL"));

    tick();
    delay.advance(secs(5));

    assertThat(yahoo.throttled()).isZero();
    assertThat(yahoo.callTimes())
        .containsExactly(T0, T0.plusMillis(500), T0.plusMillis(1000), T0.plusMillis(1500));
    assertThat(storedCount()).isEqualTo(4);
  }

  @Test
  void givenABigJobOnAProviderWithoutLimits_run_goesAtOnceInBatchTransactions() {
    PollJob job = job(ProviderId.SIMULATED, secs(1), symbols(1_000));

    tick();

    assertThat(simulated.callTimes()).hasSize(1_000).allMatch(T0::equals);
    assertThat(stored).hasSize(5).allSatisfy(batch -> assertThat(batch).hasSize(200));
    assertThat(saved(job).runCount()).isEqualTo(1);
    assertThat(saved(job).error()).isEmpty();
  }

  @Test
  void givenASlowJob_tick_runsTheOtherJobsWithoutWaitingForIt() {
    finnhub.hang(AAPL);
    PollJob slow = job(ProviderId.FINNHUB, secs(30), AAPL);
    PollJob fast = job(ProviderId.SIMULATED, secs(1), MSFT);

    assertThat(tick()).isEqualTo(new RunPollTickUseCase.TickReport(2, 1, 0));
    assertThat(saved(fast).runCount()).isEqualTo(1);
    assertThat(saved(slow).runCount()).isZero();

    delay.advance(secs(1));
    assertThat(tick().started()).as("the fast job again; the slow one is still leased").isOne();
    assertThat(saved(fast).runCount()).isEqualTo(2);
    assertThat(finnhub.called()).containsExactly(AAPL);

    finnhub.answer(AAPL);
    assertThat(saved(slow).runCount()).isEqualTo(1);
    assertThat(saved(slow).error()).isEmpty();
    assertThat(service.running()).isZero();
  }

  @Test
  void givenACallStillHangingAtTheDeadline_run_recordsItMissedAndFreesTheLease() {
    service = service(new PollSettings("a", 500, LEASE, 32, secs(3), 1)); // a chunk per symbol
    finnhub.hang(AAPL);
    PollJob job = job(ProviderId.FINNHUB, secs(30), AAPL, MSFT);

    tick();
    delay.advance(secs(29));
    assertThat(saved(job).runCount()).isZero();
    delay.advance(secs(1));

    PollJob after = saved(job);
    assertThat(after.runCount()).isEqualTo(1);
    assertThat(after.lastRunAt()).isEqualTo(T0.plusSeconds(30));
    assertThat(after.error())
        .contains(
            "missed 1 of 2 symbol(s), not fetched within the run's deadline of one interval: AAPL");
    assertThat(after.consecutiveFailures()).as("MSFT was stored: a partial failure").isZero();
    assertThat(service.running()).isZero();
    clock.advance(Duration.between(clock.instant(), after.nextRunAt()));
    assertThat(claimAs("b")).extracting(PollJob::id).containsExactly(job.id());
  }

  @Test
  void givenARunOutlastingItsLease_renewals_keepOtherReplicasOffUntilTheOwnerDies() {
    finnhub.hang(AAPL);
    PollJob job = job(ProviderId.FINNHUB, Duration.ofMinutes(10), AAPL);

    tick();
    delay.advance(secs(140)); // more than two leases, renewed every 20 s: last at 140 s
    assertThat(claimAs("b")).isEmpty();

    // The owner dies: time goes on but its timers never fire again, so nobody renews.
    clock.advance(secs(59));
    assertThat(claimAs("b")).isEmpty();
    clock.advance(secs(1));
    assertThat(claimAs("b")).extracting(PollJob::id).containsExactly(job.id());
  }

  @Test
  void givenTheJobStoppedDuringASpreadRun_run_stopsCallingAtTheNextRenewal() {
    PollJob job = job(ProviderId.YAHOO, secs(120), symbols(60)); // one call every 2 s

    tick();
    delay.advance(secs(10));
    jobs.stop(job.id(), clock.instant());
    delay.advance(secs(110));

    assertThat(yahoo.called()).hasSize(10); // 0, 2, ... 18 s; the renewal at 20 s was refused
    PollJob after = saved(job);
    assertThat(after.active()).isFalse();
    assertThat(after.error())
        .get()
        .asString()
        .startsWith(
            "missed 50 of 60 symbol(s), not fetched: the job was stopped or its lease lost");
    assertThat(service.running()).isZero();
  }

  @Test
  void givenRunsInProgress_stopRuns_recordsThemAndFreesTheirLeases() {
    finnhub.hang(AAPL);
    PollJob job = job(ProviderId.FINNHUB, secs(30), AAPL);
    tick();

    service.stopRuns().toCompletableFuture().join();

    PollJob after = saved(job);
    assertThat(after.error())
        .contains("missed 1 of 1 symbol(s), not fetched: the service was stopping: AAPL");
    assertThat(service.running()).isZero();
    clock.advance(Duration.between(clock.instant(), after.nextRunAt()));
    assertThat(tick().started()).as("a stopping scheduler claims nothing").isZero();
    assertThat(claimAs("b")).extracting(PollJob::id).containsExactly(job.id());
  }

  @Test
  void givenTheClaimLimitInUse_tick_leavesFurtherJobsToOtherReplicas() {
    service = service(new PollSettings("a", 1, LEASE, 32, secs(3), 200));
    finnhub.hang(AAPL);
    job(ProviderId.FINNHUB, secs(30), AAPL);
    clock.advance(secs(1));
    PollJob waiting = job(ProviderId.SIMULATED, secs(30), MSFT);

    assertThat(tick().started()).isOne();
    assertThat(tick()).isEqualTo(new RunPollTickUseCase.TickReport(0, 1, 0));
    assertThat(claimAs("b")).extracting(PollJob::id).containsExactly(waiting.id());
  }

  @Test
  void givenAProviderNoLongerEnabled_run_recordsTheFailureAndBacksOff() {
    PollJob job = job(ProviderId.ALPHA_VANTAGE, secs(30), AAPL);

    tick();

    PollJob after = saved(job);
    assertThat(after.error()).get().asString().contains("alpha_vantage").contains("not enabled");
    assertThat(after.consecutiveFailures()).isOne();
    assertThat(new ArrayList<>(stored)).isEmpty();
  }
}
