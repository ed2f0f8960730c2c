package dev.marketdata.adapter.scheduler;

import dev.marketdata.application.poll.RunPollTickUseCase;
import dev.marketdata.application.poll.RunPollTickUseCase.TickReport;
import io.vertx.core.Future;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a poll tick, waits {@code every}, runs the next: ticks never overlap, and a tick only starts
 * job runs, which go on by themselves. A failed tick is retried after the same pause (a database
 * outage fails every tick: it is logged once, then every hundredth time). Stopping lets the running
 * tick finish, then ends the runs in progress so their outcomes are saved and their leases freed.
 */
public final class PollSchedulerVerticle extends PeriodicVerticle {
  private static final Logger log = LoggerFactory.getLogger(PollSchedulerVerticle.class);
  static final int LOG_EVERY_NTH_FAILURE = 100;

  private final RunPollTickUseCase tick;

  public PollSchedulerVerticle(RunPollTickUseCase tick, Duration every) {
    super("poll tick", every, LOG_EVERY_NTH_FAILURE, log);
    this.tick = tick;
  }

  @Override
  public Future<?> stop() {
    return super.stop().compose(ignored -> Future.fromCompletionStage(tick.stopRuns(), context));
  }

  /** True once {@link #stop()} ran; tests wait for it instead of guessing at timing. */
  boolean stopRequested() {
    return stopping();
  }

  @Override
  Future<Long> pass() {
    return Future.fromCompletionStage(tick.runTick(), context)
        .onSuccess(PollSchedulerVerticle::report)
        .map(report -> everyMillis());
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
