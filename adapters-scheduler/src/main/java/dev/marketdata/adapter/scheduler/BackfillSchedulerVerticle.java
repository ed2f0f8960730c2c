package dev.marketdata.adapter.scheduler;

import dev.marketdata.application.backfill.RunBackfillsUseCase;
import dev.marketdata.vertx.RepeatingTask;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a backfill pass (claim the due jobs, work on them), waits {@code every}, runs the next;
 * passes never overlap. Stopping asks the running jobs to stop after the symbol in flight, so their
 * progress is saved and their leases freed.
 */
public final class BackfillSchedulerVerticle extends VerticleBase {
  private static final Logger log = LoggerFactory.getLogger(BackfillSchedulerVerticle.class);
  static final int LOG_EVERY_NTH_FAILURE = 100;

  private final RunBackfillsUseCase backfills;
  private final long everyMillis;
  private final RepeatingTask loop;

  public BackfillSchedulerVerticle(RunBackfillsUseCase backfills, Duration every) {
    this.backfills = backfills;
    this.everyMillis = every.toMillis();
    this.loop =
        new RepeatingTask(
            "backfill pass", this::passOnce, failures -> everyMillis, LOG_EVERY_NTH_FAILURE, log);
  }

  @Override
  public Future<?> start() {
    loop.start(context);
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    backfills.stopRuns();
    return loop.stop();
  }

  private Future<Long> passOnce() {
    return Future.fromCompletionStage(backfills.runDue(), context)
        .onSuccess(
            jobs -> {
              if (jobs > 0) {
                log.atInfo().addKeyValue("jobs", jobs).log("backfill pass done");
              }
            })
        .map(jobs -> everyMillis);
  }
}
