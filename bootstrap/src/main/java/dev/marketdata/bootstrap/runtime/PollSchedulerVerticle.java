package dev.marketdata.bootstrap.runtime;

import dev.marketdata.application.poll.RunPollTickUseCase;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a poll tick, waits {@code every}, runs the next: ticks never overlap, and a tick only starts
 * job runs, which go on by themselves. Stopping lets the running tick finish, then ends the runs in
 * progress so their outcomes are saved and their leases freed.
 */
public final class PollSchedulerVerticle extends VerticleBase {
  private static final Logger log = LoggerFactory.getLogger(PollSchedulerVerticle.class);

  private final RunPollTickUseCase tick;
  private final Duration every;
  private volatile boolean stopping;
  private long timerId = -1;
  private Future<?> running = Future.succeededFuture();
  private int failuresInARow;

  public PollSchedulerVerticle(RunPollTickUseCase tick, Duration every) {
    this.tick = tick;
    this.every = every;
  }

  @Override
  public Future<?> start() {
    schedule(0);
    return Future.succeededFuture();
  }

  private void schedule(long delayMillis) {
    if (stopping) {
      return;
    }
    timerId = vertx.setTimer(Math.max(1, delayMillis), id -> runOnce());
  }

  private void runOnce() {
    Promise<Void> done = Promise.promise();
    running = done.future();
    Future.fromCompletionStage(tick.runTick(), context)
        .onSuccess(
            report -> {
              if (report.started() > 0) {
                log.debug(
                    "poll tick started runs={} running={}", report.started(), report.running());
              }
              if (report.unrecorded() > 0) {
                log.warn(
                    "{} poll run(s) ended without their outcome saved; their jobs run again when"
                        + " the lease expires",
                    report.unrecorded());
              }
            })
        .onSuccess(
            report -> {
              if (failuresInARow > 0) {
                log.info("poll ticks recovered after {} failed tick(s)", failuresInARow);
                failuresInARow = 0;
              }
            })
        .onFailure(
            failure -> {
              // A database outage fails every tick; say so once, then now and then, not 4×/s.
              if (failuresInARow++ % 100 == 0) {
                log.warn(
                    "poll tick failed ({} in a row); retrying every {} ms: {}",
                    failuresInARow,
                    every.toMillis(),
                    failure.toString());
              }
            })
        .onComplete(
            ignored -> {
              done.complete();
              schedule(every.toMillis());
            });
  }

  @Override
  public Future<?> stop() {
    stopping = true;
    vertx.cancelTimer(timerId);
    return running.compose(ignored -> Future.fromCompletionStage(tick.stopRuns(), context));
  }
}
