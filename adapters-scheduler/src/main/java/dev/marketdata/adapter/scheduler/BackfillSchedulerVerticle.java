package dev.marketdata.adapter.scheduler;

import dev.marketdata.application.backfill.RunBackfillsUseCase;
import io.vertx.core.Future;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a backfill pass (claim the due jobs, work on them), waits {@code every}, runs the next;
 * passes never overlap. Stopping asks the running jobs to stop after the symbol in flight, so their
 * progress is saved and their leases freed.
 */
public final class BackfillSchedulerVerticle extends PeriodicVerticle {
  private static final Logger log = LoggerFactory.getLogger(BackfillSchedulerVerticle.class);
  static final int LOG_EVERY_NTH_FAILURE = 100;

  private final RunBackfillsUseCase backfills;

  public BackfillSchedulerVerticle(RunBackfillsUseCase backfills, Duration every) {
    super("backfill pass", every, LOG_EVERY_NTH_FAILURE, log);
    this.backfills = backfills;
  }

  @Override
  public Future<?> stop() {
    backfills.stopRuns();
    return super.stop();
  }

  @Override
  Future<Long> pass() {
    return Future.fromCompletionStage(backfills.runDue(), context)
        .onSuccess(
            jobs -> {
              if (jobs > 0) {
                log.atInfo().addKeyValue("jobs", jobs).log("backfill pass done");
              }
            })
        .map(jobs -> everyMillis());
  }
}
