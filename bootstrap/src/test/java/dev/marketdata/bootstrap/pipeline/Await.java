package dev.marketdata.bootstrap.pipeline;

import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Waiting in the pipeline ITs: on a condition or a result, always with a deadline. */
final class Await {
  /** Generous: a slow CI machine makes a test slower, never red. */
  static final Duration DEADLINE = Duration.ofSeconds(90);

  private static final Duration POLL = Duration.ofMillis(100);

  private Await() {}

  static void until(String what, BooleanSupplier condition) {
    until(what, DEADLINE, condition);
  }

  /**
   * Re-checks {@code condition} until it holds, failing with {@code what} at the deadline. A check
   * that throws (a broker still starting) counts as not yet, and is reported if time runs out.
   */
  static void until(String what, Duration deadline, BooleanSupplier condition) {
    Instant end = Instant.now().plus(deadline);
    RuntimeException lastFailure = null;
    while (true) {
      try {
        if (condition.getAsBoolean()) {
          return;
        }
      } catch (RuntimeException e) {
        lastFailure = e;
      }
      if (Instant.now().isAfter(end)) {
        throw new AssertionError(
            "timed out after " + deadline.toSeconds() + " s waiting until " + what, lastFailure);
      }
      LockSupport.parkNanos(POLL.toNanos());
    }
  }

  static <T> T result(Future<T> future) {
    return result(future.toCompletionStage());
  }

  static <T> T result(CompletionStage<T> stage) {
    try {
      return stage.toCompletableFuture().get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException("failed: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting", e);
    } catch (TimeoutException e) {
      throw new IllegalStateException("no result within " + DEADLINE.toSeconds() + " s", e);
    }
  }
}
