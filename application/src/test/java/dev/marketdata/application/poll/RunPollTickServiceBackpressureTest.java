package dev.marketdata.application.poll;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marketdata.application.fake.InMemoryPollJobs;
import dev.marketdata.application.ingest.IngestQuoteUseCase;
import dev.marketdata.application.testing.FakeBacklog;
import dev.marketdata.application.testing.ManualDelay;
import dev.marketdata.application.testing.ScriptedProvider;
import dev.marketdata.domain.failure.InvalidInput;
import dev.marketdata.domain.market.TradingCalendar;
import dev.marketdata.domain.model.FetchedQuote;
import dev.marketdata.domain.model.PollJob;
import dev.marketdata.domain.model.PricePoint;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.ProviderStatus;
import dev.marketdata.domain.model.Symbol;
import dev.marketdata.domain.port.QuoteProvider;
import dev.marketdata.domain.port.QuoteProviders;
import dev.marketdata.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Poll runs under back-pressure: every stored quote adds one event to the backlog, as the outbox
 * does, and the test plays the relay by taking events off it.
 */
class RunPollTickServiceBackpressureTest {
  private static final Instant T0 = Instant.parse("2026-11-30T10:00:00Z");
  private static final Duration EVERY = Duration.ofMillis(250);

  private final MutableClock clock = new MutableClock(T0);
  private final ManualDelay delay = new ManualDelay(clock);
  private final InMemoryPollJobs jobs = new InMemoryPollJobs();
  private final ScriptedProvider simulated = new ScriptedProvider(ProviderId.SIMULATED, clock);
  private final FakeBacklog backlog = new FakeBacklog();
  private final AtomicInteger stored = new AtomicInteger();
  private final Backpressure valve =
      new Backpressure(backlog, new BackpressureSettings(400, 200, EVERY), clock, delay);
  private final RunPollTickService service =
      new RunPollTickService(
          jobs,
          providers(),
          ingest(),
          clock,
          delay,
          new PollSettings("a", 500, Duration.ofSeconds(60), 32, Duration.ofSeconds(3), 200),
          TradingCalendar.usEquities(),
          valve);

  private QuoteProviders providers() {
    return new QuoteProviders() {
      @Override
      public ProviderId defaultProvider() {
        return ProviderId.SIMULATED;
      }

      @Override
      public QuoteProvider get(ProviderId id) {
        if (!id.equals(ProviderId.SIMULATED)) {
          throw new InvalidInput("provider", id, "is not enabled");
        }
        return simulated;
      }

      @Override
      public List<ProviderStatus> statuses() {
        return List.of(simulated.status());
      }
    };
  }

  private IngestQuoteUseCase ingest() {
    return new IngestQuoteUseCase() {
      @Override
      public CompletionStage<PricePoint> ingest(FetchedQuote fetched) {
        return ingestAll(List.of(fetched)).thenApply(points -> points.get(0));
      }

      @Override
      public CompletionStage<List<PricePoint>> ingestAll(List<FetchedQuote> batch) {
        stored.addAndGet(batch.size());
        backlog.add(batch.size()); // the outbox row each price is stored with
        return CompletableFuture.completedFuture(batch.stream().map(PricePoint::of).toList());
      }
    };
  }

  private PollJob job(int symbols, Duration interval) {
    Symbol[] list = new Symbol[symbols];
    for (int i = 0; i < symbols; i++) {
      list[i] = Symbol.of(String.format("S%04d", i));
    }
    PollJob job =
        PollJob.start(UUID.randomUUID(), List.of(list), interval, ProviderId.SIMULATED, T0);
    return jobs.create(job).toCompletableFuture().join();
  }

  private PollJob saved(PollJob job) {
    return jobs.find(job.id()).toCompletableFuture().join().orElseThrow();
  }

  @Test
  void givenABacklogPastTheHighMark_run_storesNothingUntilTheRelayDrainsItToTheLowMark() {
    PollJob job = job(1000, Duration.ofSeconds(10));
    backlog.set(400);

    service.runTick();
    delay.advance(EVERY.multipliedBy(2));
    assertThat(stored).as("held at the high mark").hasValue(0);
    assertThat(simulated.callTimes()).as("no provider call while held").isEmpty();

    backlog.set(300); // the relay publishes some: still above the low mark
    delay.advance(EVERY);
    assertThat(stored).hasValue(0);

    backlog.set(200);
    delay.advance(EVERY);
    assertThat(stored).as("going again at the low mark").hasValue(1000);
    assertThat(saved(job).runCount()).isOne();
    assertThat(saved(job).error()).isEmpty();
    assertThat(valve.waits()).isEqualTo(RunPollTickService.CHUNKS_IN_FLIGHT);
  }

  @Test
  void givenABacklogThatStaysHigh_run_missesItsSymbolsAtItsDeadline_sayingItWaitedForThePipeline() {
    PollJob job = job(1000, Duration.ofSeconds(1));
    backlog.set(5000);

    service.runTick();
    delay.advance(Duration.ofSeconds(1));

    assertThat(stored).hasValue(0);
    PollJob after = saved(job);
    assertThat(after.runCount()).isOne();
    assertThat(after.error())
        .hasValueSatisfying(
            error ->
                assertThat(error)
                    .startsWith("missed 1000 of 1000 symbol(s)")
                    .contains("waited for the pipeline's backlog (back-pressure)"));
    assertThat(after.nextRunAt())
        .as("one interval on, as after any overrun: the provider did not fail, so no back-off")
        .isEqualTo(T0.plusSeconds(2));
    assertThat(after.consecutiveFailures()).isZero();
    assertThat(service.running()).isZero();
  }

  @Test
  void givenRunsQueuedForTheProvidersSlotsBehindHeldChunks_theirDeadline_saysBackPressure() {
    // Longer jobs' chunks hold the provider's slots at the valve; the one-second jobs started
    // after them wait for a slot, never reaching the valve themselves: held back all the same.
    backlog.set(5000);
    for (int i = 0; i < RunPollTickService.CHUNKS_IN_FLIGHT; i++) {
      job(100, Duration.ofSeconds(10));
    }
    service.runTick();
    List<PollJob> queued = new java.util.ArrayList<>();
    for (int i = 0; i < 3; i++) {
      queued.add(job(100, Duration.ofSeconds(1)));
    }
    service.runTick();

    delay.advance(Duration.ofSeconds(1));

    assertThat(stored).hasValue(0);
    assertThat(queued)
        .map(this::saved)
        .allSatisfy(
            after -> {
              assertThat(after.runCount()).isOne();
              assertThat(after.error())
                  .hasValueSatisfying(e -> assertThat(e).contains(Backpressure.MISSED_NOTE));
              assertThat(after.consecutiveFailures()).as("not backed off").isZero();
            });
  }
}
