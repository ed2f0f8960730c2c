package dev.marketdata.application.backfill;

import dev.marketdata.application.support.Futures;
import dev.marketdata.domain.failure.DependencyUnavailable;
import dev.marketdata.domain.failure.ProviderThrottled;
import dev.marketdata.domain.model.BackfillJob;
import dev.marketdata.domain.model.BackfillJobStatus;
import dev.marketdata.domain.model.Symbol;
import dev.marketdata.domain.port.BackfillJobRepository;
import dev.marketdata.domain.port.DailyBarRepository;
import dev.marketdata.domain.port.HistoryProvider;
import dev.marketdata.domain.port.QuoteProviders;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Works on leased backfill jobs, one symbol after the other, saving the progress (and renewing the
 * lease) after each, so a runner that dies loses at most the symbol in flight and the job goes on
 * from there once its lease expires. A symbol the provider does not know, or cannot answer for,
 * fails on its own; a throttle (our budget or the provider's) pauses the whole job until the
 * retry-after and fails nothing; a database failure leaves the job as saved, tried again shortly.
 */
public final class RunBackfillsService implements RunBackfillsUseCase {
  private final BackfillJobRepository jobs;
  private final DailyBarRepository bars;
  private final QuoteProviders providers;
  private final BackfillSettings settings;
  private final Clock clock;
  private final AtomicBoolean stopping = new AtomicBoolean();

  @Inject
  public RunBackfillsService(
      BackfillJobRepository jobs,
      DailyBarRepository bars,
      QuoteProviders providers,
      BackfillSettings settings,
      Clock clock) {
    this.jobs = jobs;
    this.bars = bars;
    this.providers = providers;
    this.settings = settings;
    this.clock = clock;
  }

  @Override
  public CompletionStage<Integer> runDue() {
    stopping.set(false);
    return jobs.claimDue(clock.instant(), settings.claimLimit(), settings.owner(), settings.lease())
        .thenCompose(
            claimed -> {
              List<CompletableFuture<Void>> runs = new ArrayList<>(claimed.size());
              for (BackfillJob job : claimed) {
                runs.add(run(job).toCompletableFuture());
              }
              return CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new))
                  .thenApply(done -> claimed.size());
            });
  }

  @Override
  public void stopRuns() {
    stopping.set(true);
  }

  private CompletionStage<Void> run(BackfillJob claimed) {
    BackfillJob job =
        claimed.status() == BackfillJobStatus.ACCEPTED ? claimed.running(clock.instant()) : claimed;
    return next(job)
        .exceptionallyCompose(
            e -> {
              // Our own trouble (the database): the job stays as last saved, taken up again later.
              return CompletableFuture.completedFuture(null);
            });
  }

  private CompletionStage<Void> next(BackfillJob job) {
    if (job.nextPending().isEmpty() || stopping.get()) {
      return jobs.release(job, settings.owner()).thenApply(released -> null);
    }
    Symbol symbol = job.nextPending().get();
    return Futures.defer(() -> fetchAndStore(job, symbol))
        .handle(
            (stored, failure) -> {
              if (failure == null) {
                return continueWith(job.symbolDone(symbol, stored, clock.instant()));
              }
              Throwable cause = Futures.unwrap(failure);
              if (cause instanceof ProviderThrottled throttled) {
                BackfillJob paused =
                    job.pausedUntil(
                        clock.instant().plus(throttled.retryAfter()),
                        cause.getMessage(),
                        clock.instant());
                return jobs.release(paused, settings.owner()).thenApply(released -> (Void) null);
              }
              if (cause instanceof DependencyUnavailable) {
                BackfillJob later =
                    job.pausedUntil(
                        clock.instant().plus(settings.retryDelay()),
                        cause.getMessage(),
                        clock.instant());
                return jobs.release(later, settings.owner()).thenApply(released -> (Void) null);
              }
              return continueWith(job.symbolFailed(symbol, cause.getMessage(), clock.instant()));
            })
        .thenCompose(stage -> stage);
  }

  private CompletionStage<Integer> fetchAndStore(BackfillJob job, Symbol symbol) {
    HistoryProvider history =
        providers
            .get(job.provider())
            .history()
            .orElseThrow(
                () ->
                    new dev.marketdata.domain.failure.InvalidInput(
                        "provider", job.provider(), "offers no daily history"));
    return history.dailyHistory(symbol, job.from(), job.to()).thenCompose(bars::store);
  }

  /** Saves the progress and renews the lease; a lease lost to another runner ends this run. */
  private CompletionStage<Void> continueWith(BackfillJob job) {
    if (job.nextPending().isEmpty()) {
      return jobs.release(job, settings.owner()).thenApply(released -> null);
    }
    return jobs.saveProgress(job, settings.owner(), clock.instant(), settings.lease())
        .thenCompose(held -> held ? next(job) : CompletableFuture.<Void>completedFuture(null));
  }
}
