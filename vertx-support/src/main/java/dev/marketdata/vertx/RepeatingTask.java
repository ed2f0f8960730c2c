package dev.marketdata.vertx;

import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntToLongFunction;
import org.slf4j.Logger;

/**
 * A step run over and over on one verticle's context, never two at once: each step says how long to
 * wait before the next (0: at once); after a failure the wait is {@code retryDelay} of the failures
 * in a row. The first failure of a run of them is logged, then every {@code logEvery}-th, and the
 * recovery once. Stopping runs no further step and completes when the one in flight has.
 *
 * <p>{@link #wake()}, from any thread, cuts a wait short: the task waiting on its timer steps at
 * once, and a step in flight is followed at once by another. Wakes that come before that next step
 * starts are one wake, so a burst of them costs one extra step, not one each. A wait after a
 * failure is not cut short: the retry delay protects whatever is failing.
 *
 * <p>Steps' futures complete on the task's context (as {@code Future.fromCompletionStage(stage,
 * context)} does), so the task's state is touched from that context's thread only.
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
  private volatile Context context;
  private volatile boolean stopping;
  private long timerId = -1;
  private boolean queued; // a step is queued with runOnContext
  private boolean stepping; // a step is in flight
  private int failures;
  // Set by wake(), cleared as a step starts: while set, a step that starts later is due anyway,
  // so further wakes need no hop onto the context.
  private final AtomicBoolean woken = new AtomicBoolean();
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

  /**
   * Asks for a step now, from any thread: cancels the timer the task waits on, or, with a step in
   * flight, runs another straight after it; does nothing after {@link #stop()} or before {@link
   * #start}, and leaves a retry delay after a failure alone.
   */
  public void wake() {
    Context context = this.context;
    // The plain read first: writers on every event loop ring per commit, and while the flag is
    // set a read keeps the cache line shared where a failing compare-and-set would take it.
    if (context == null || stopping || woken.get() || !woken.compareAndSet(false, true)) {
      return;
    }
    context.runOnContext(v -> onWake());
  }

  private void onWake() {
    // A step in flight or already queued will see or clear the flag; a retry waits out its delay.
    if (stopping || stepping || queued || timerId < 0 || failures > 0) {
      return;
    }
    context.owner().cancelTimer(timerId);
    runOnce();
  }

  /** True once {@link #stop()} ran. */
  public boolean stopping() {
    return stopping;
  }

  private void runOnce() {
    timerId = -1;
    queued = false;
    if (stopping) {
      return;
    }
    // Cleared before the step reads anything, so rows committed before a wake are seen by it.
    woken.set(false);
    stepping = true;
    Future<Long> result;
    try {
      result = step.run();
    } catch (RuntimeException e) {
      result = Future.failedFuture(e);
    }
    inFlight = result.transform(this::afterStep);
  }

  private Future<Void> afterStep(AsyncResult<Long> result) {
    stepping = false;
    if (result.succeeded()) {
      if (failures > 0) {
        log.info("{} recovered after {} failure(s) in a row", name, failures);
        failures = 0;
      }
      Long pause = result.result();
      next(pause == null || woken.get() ? 0 : pause);
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
      queued = true;
      context.runOnContext(v -> runOnce());
    } else {
      timerId = context.owner().setTimer(delayMillis, id -> runOnce());
    }
  }
}
