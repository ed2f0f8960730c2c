package dev.marketdata.application.poll;

import dev.marketdata.application.ingest.IngestQuoteUseCase;
import dev.marketdata.application.support.Delay;
import dev.marketdata.application.support.Futures;
import dev.marketdata.domain.market.TradingCalendar;
import dev.marketdata.domain.model.PollJob;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.port.PollJobRepository;
import dev.marketdata.domain.port.QuoteProvider;
import dev.marketdata.domain.port.QuoteProviders;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The poll scheduler's tick. It leases due jobs (at most {@code claimLimit} running on this replica
 * at once) and starts a {@link PollRun} of each without waiting for it, so one slow job never holds
 * another: each run has its own deadline of one interval, renews its own lease, and records its own
 * outcome. A job whose run is still going is not due for anyone: its lease says so.
 *
 * <p>Runs on the same provider share that provider's {@link ProviderLane}: {@value
 * #CHUNKS_IN_FLIGHT} chunks fetched and stored at once, and the pacing of its per-second limit. A
 * job on a provider without one (the simulated source) goes at once in chunks of {@code
 * ingestBatchSize}, each stored in one transaction; a job with more symbols than one second of the
 * limit allows is spread evenly over its interval (see {@link ProviderLane}).
 *
 * <p>Back-pressure: before each chunk a run asks the replica's {@link Backpressure}, and while the
 * pipeline behind the poller (unpublished outbox rows plus the consumer's lag) is past its high
 * mark the chunk waits, at most until its run's deadline; what that leaves unfetched is missed, as
 * for any run that overran its interval, and the job's next run comes on its schedule.
 *
 * <p>Market hours: a claimed job whose hours do not allow now makes no provider call; it is saved
 * due at its next open with the reason it waits, and any replica claims it then as usual (claiming
 * is unchanged; every replica's calendar is the same bundled table, so they agree). A run's next
 * run is moved to the next open the same way when it would fall outside the hours.
 */
public final class RunPollTickService implements RunPollTickUseCase {
  /**
   * Chunks fetched and stored at once per provider; each chunk's store is one transaction (so at
   * most this many of the pool's connections per provider). With 2 a tick of 10,000 symbols waited
   * on its own commits and fetched about 7,700 a second; with 4 it keeps up with a 1 s interval on
   * 2 cores.
   */
  static final int CHUNKS_IN_FLIGHT = 4;

  private static final int MAX_ERROR_LENGTH = 500;

  private final PollJobRepository jobs;
  private final QuoteProviders providers;
  private final PollRunContext context;
  private final Map<UUID, PollRun> running = new ConcurrentHashMap<>();
  private final Map<ProviderId, ProviderLane> lanes = new ConcurrentHashMap<>();
  private final AtomicInteger unrecorded = new AtomicInteger();
  private volatile boolean stopping;

  @Inject
  public RunPollTickService(
      PollJobRepository jobs,
      QuoteProviders providers,
      IngestQuoteUseCase ingest,
      Clock clock,
      Delay delay,
      PollSettings settings,
      TradingCalendar calendar,
      Backpressure backpressure) {
    this.jobs = jobs;
    this.providers = providers;
    this.context =
        new PollRunContext(
            jobs, ingest, clock, delay, settings, new MarketSchedule(calendar), backpressure);
  }

  @Override
  public CompletionStage<TickReport> runTick() {
    int room = context.settings().claimLimit() - running.size();
    if (stopping || room <= 0) {
      return CompletableFuture.completedFuture(report(0));
    }
    Instant now = context.clock().instant();
    return jobs.claimDue(now, room, context.settings().owner(), context.settings().lease())
        .thenApply(
            claimed -> {
              claimed.forEach(job -> start(job, now));
              return report(claimed.size());
            });
  }

  @Override
  public CompletionStage<Void> stopRuns() {
    stopping = true;
    List<PollRun> runs = List.copyOf(running.values());
    runs.forEach(run -> run.end(PollRun.End.SHUTDOWN));
    return CompletableFuture.allOf(
        runs.stream()
            .map(run -> run.report().toCompletableFuture())
            .toArray(CompletableFuture[]::new));
  }

  /** Runs in progress on this replica. */
  int running() {
    return running.size();
  }

  private TickReport report(int started) {
    return new TickReport(started, running.size(), unrecorded.getAndSet(0));
  }

  private void start(PollJob claimed, Instant now) {
    MarketSchedule.Decision hours = context.schedule().decide(claimed.marketHours(), now);
    if (!hours.allowed()) {
      // Outside the job's hours: no provider call; it sleeps until the next open and says why.
      // The next run there keeps the job's cadence from that open.
      record(claimed.scheduled(now, hours.resumesAt(), hours.waitingReason(), null));
      return;
    }
    PollJob job =
        claimed.waitingReason() == null
                && java.util.Objects.equals(claimed.calendarNote(), hours.calendarNote())
            ? claimed
            : claimed.scheduled(now, claimed.nextRunAt(), null, hours.calendarNote());
    List<ProviderHop> hops = new ArrayList<>(job.providers().providers().size());
    List<String> unusable = new ArrayList<>();
    for (ProviderId id : job.providers().providers()) {
      try {
        QuoteProvider provider = providers.get(id);
        hops.add(
            ProviderHop.usable(
                id,
                provider,
                lanes.computeIfAbsent(
                    id,
                    ignored -> new ProviderLane(provider.status().limits(), CHUNKS_IN_FLIGHT))));
      } catch (RuntimeException e) {
        // Disabled or missing its key since the job started: calls to it fail with this, and a
        // chain falls back past it to its next provider.
        hops.add(ProviderHop.unusable(id, e));
        unusable.add(id + ": " + e.getMessage());
      }
    }
    if (unusable.size() == hops.size()) {
      // No provider of the chain can be called: every symbol fails, the job backs off.
      String error = truncate(String.join("; ", unusable));
      record(context.schedule().place(job.afterRun(now, error, true, null), now));
      return;
    }
    PollRun run = new PollRun(job, hops, context, now);
    running.put(job.id(), run);
    run.start()
        .whenComplete(
            (report, failure) -> {
              running.remove(job.id(), run);
              countUnrecorded(failure != null || !report.recorded());
            });
  }

  private void record(PollJob after) {
    Futures.defer(() -> jobs.complete(after, context.settings().owner()))
        .whenComplete((ignored, failure) -> countUnrecorded(failure != null));
  }

  private void countUnrecorded(boolean notSaved) {
    if (notSaved) {
      unrecorded.incrementAndGet();
    }
  }

  private static String truncate(String text) {
    return text.length() <= MAX_ERROR_LENGTH ? text : text.substring(0, MAX_ERROR_LENGTH) + "…";
  }
}
