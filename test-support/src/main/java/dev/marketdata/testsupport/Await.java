package dev.marketdata.testsupport;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Waiting in tests, for a result or a condition: always with a deadline, never a fixed sleep. */
public final class Await {
  /** Generous: a slow or busy machine makes a test slower, never red. */
  public static final Duration DEADLINE = Duration.ofSeconds(90);

  private static final Duration POLL = Duration.ofMillis(100);

  private Await() {}

  /**
   * The value {@code stage} completes with. A failure is rethrown as the port completed with it (a
   * checked one wrapped in a {@link CompletionException}), so tests can assert on its type.
   */
  public static <T> T result(CompletionStage<T> stage) {
    return result(stage, DEADLINE);
  }

  public static <T> T result(CompletionStage<T> stage, Duration deadline) {
    try {
      return stage.toCompletableFuture().get(deadline.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw rethrowable(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting", e);
    } catch (TimeoutException e) {
      throw new AssertionError("no result within " + deadline.toSeconds() + " s", e);
    }
  }

  public static <T> T result(Future<T> future) {
    return result(future.toCompletionStage());
  }

  /** The failure {@code stage} completed with; fails the test if it succeeded. */
  public static Throwable failure(CompletionStage<?> stage) {
    try {
      Object value = result(stage);
      throw new AssertionError("expected a failure, got " + value);
    } catch (RuntimeException e) {
      return e;
    }
  }

  public static void until(String what, BooleanSupplier condition) {
    until(what, DEADLINE, condition);
  }

  /**
   * Re-checks {@code condition} until it holds, failing with {@code what} at the deadline. A check
   * that throws (a server still starting) counts as not yet, and is reported if time runs out.
   */
  public static void until(String what, Duration deadline, BooleanSupplier condition) {
    long end = System.nanoTime() + deadline.toNanos();
    RuntimeException lastFailure = null;
    while (true) {
      try {
        if (condition.getAsBoolean()) {
          return;
        }
      } catch (RuntimeException e) {
        lastFailure = e;
      }
      if (System.nanoTime() - end > 0) {
        throw new AssertionError(
            "timed out after " + deadline.toSeconds() + " s waiting until " + what, lastFailure);
      }
      pause();
    }
  }

  /** Checks that {@code condition} keeps holding for the whole {@code period}. */
  public static void holdsFor(String what, Duration period, BooleanSupplier condition) {
    long end = System.nanoTime() + period.toNanos();
    while (System.nanoTime() - end < 0) {
      if (!condition.getAsBoolean()) {
        throw new AssertionError("stopped holding: " + what);
      }
      pause();
    }
  }

  /** The interval between two checks of a condition; not a timing assumption. */
  private static void pause() {
    LockSupport.parkNanos(POLL.toNanos());
    if (Thread.interrupted()) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting");
    }
  }

  private static RuntimeException rethrowable(Throwable cause) {
    if (cause instanceof RuntimeException r) {
      return r;
    }
    if (cause instanceof Error e) {
      throw e;
    }
    return new CompletionException(cause);
  }
}
