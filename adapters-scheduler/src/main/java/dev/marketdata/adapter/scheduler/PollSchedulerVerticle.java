package dev.marketdata.adapter.scheduler;

import dev.marketdata.application.poll.RunPollTickUseCase;
import dev.marketdata.application.poll.RunPollTickUseCase.TickReport;
import dev.marketdata.vertx.RepeatingTask;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a poll tick, waits {@code every}, runs the next: ticks never overlap, and a tick only starts
 * job runs, which go on by themselves. A failed tick is retried after the same pause (a database
 * outage fails every tick: it is logged once, then every hundredth time). Stopping lets the running
 * tick finish, then ends the runs in progress so their outcomes are saved and their leases freed.
 */
public final class PollSchedulerVerticle extends VerticleBase {
  private static final Logger log = LoggerFactory.getLogger(PollSchedulerVerticle.class);
  static final int LOG_EVERY_NTH_FAILURE = 100;

  private final RunPollTickUseCase tick;
  private final long everyMillis;
  private final RepeatingTask loop;

  public PollSchedulerVerticle(RunPollTickUseCase tick, Duration every) {
    this.tick = tick;
    this.everyMillis = every.toMillis();
    this.loop =
        new RepeatingTask(
            "poll tick", this::tickOnce, failures -> everyMillis, LOG_EVERY_NTH_FAILURE, log);
  }

  @Override
  public Future<?> start() {
    loop.start(context);
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    return loop.stop().compose(ignored -> Future.fromCompletionStage(tick.stopRuns(), context));
  }

  /** True once {@link #stop()} ran; tests wait for it instead of guessing at timing. */
  boolean stopRequested() {
    return loop.stopping();
  }

  private Future<Long> tickOnce() {
    return Future.fromCompletionStage(tick.runTick(), context)
        .onSuccess(PollSchedulerVerticle::report)
        .map(report -> everyMillis);
  }

  private static void report(TickReport report) {
    if (report.started() > 0) {
      log.debug("poll tick started runs={} running={}", report.started(), report.running());
    }
    if (report.unrecorded() > 0) {
      log.warn(
          "{} poll run(s) ended without their outcome saved; their jobs run again when the lease"
              + " expires",
          report.unrecorded());
    }
  }
}
