package dev.marketdata.vertx;

import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.util.function.IntToLongFunction;
import org.slf4j.Logger;

/**
 * A step run over and over on one verticle's context, never two at once: each step says how long to
 * wait before the next (0: at once); after a failure the wait is {@code retryDelay} of the failures
 * in a row. The first failure of a run of them is logged, then every {@code logEvery}-th, and the
 * recovery once. Stopping runs no further step and completes when the one in flight has.
 */
public final class RepeatingTask {
  /** One run of the task; its result is the pause, in milliseconds, before the next run. */
  @FunctionalInterface
  public interface Step {
    Future<Long> run();
  }

  private final String name;
  private final Step step;
  private final IntToLongFunction retryDelay;
  private final int logEvery;
  private final Logger log;
  private Context context;
  private volatile boolean stopping;
  private long timerId = -1;
  private int failures;
  private Future<Void> inFlight = Future.succeededFuture();

  /**
   * @param name what the task is, as the log lines call it ("outbox relay")
   * @param retryDelay the pause after {@code n} failures in a row (n = 1, 2, ...)
   * @param logEvery log the 1st failure in a row, then the (1 + logEvery)-th, ...; 1 logs each
   * @param log the logger of the verticle the task belongs to
   */
  public RepeatingTask(
      String name, Step step, IntToLongFunction retryDelay, int logEvery, Logger log) {
    if (logEvery < 1) {
      throw new IllegalArgumentException("logEvery must be at least 1, was " + logEvery);
    }
    this.name = name;
    this.step = step;
    this.retryDelay = retryDelay;
    this.logEvery = logEvery;
    this.log = log;
  }

  /** Runs the first step at once on {@code context}, the calling verticle's. */
  public void start(Context context) {
    this.context = context;
    stopping = false;
    next(0);
  }

  /** Runs no further step; completes (never fails) once the step in flight, if any, has ended. */
  public Future<Void> stop() {
    stopping = true;
    if (timerId >= 0) {
      context.owner().cancelTimer(timerId);
      timerId = -1;
    }
    return inFlight;
  }

  /** True once {@link #stop()} ran. */
  public boolean stopping() {
    return stopping;
  }

  private void runOnce() {
    timerId = -1;
    if (stopping) {
      return;
    }
    Future<Long> result;
    try {
      result = step.run();
    } catch (RuntimeException e) {
      result = Future.failedFuture(e);
    }
    inFlight = result.transform(this::afterStep);
  }

  private Future<Void> afterStep(AsyncResult<Long> result) {
    if (result.succeeded()) {
      if (failures > 0) {
        log.info("{} recovered after {} failure(s) in a row", name, failures);
        failures = 0;
      }
      Long pause = result.result();
      next(pause == null ? 0 : pause);
    } else {
      failures++;
      long delay = retryDelay.applyAsLong(failures);
      // An outage fails every step; say so at once, then now and then, not on every retry.
      if ((failures - 1) % logEvery == 0) {
        log.warn(
            "{} failed ({} in a row), retrying in {} ms: {}",
            name,
            failures,
            delay,
            result.cause().toString());
      }
      next(delay);
    }
    return Future.succeededFuture();
  }

  private void next(long delayMillis) {
    if (stopping) {
      return;
    }
    if (delayMillis <= 0) {
      context.runOnContext(v -> runOnce());
    } else {
      timerId = context.owner().setTimer(delayMillis, id -> runOnce());
    }
  }
}
