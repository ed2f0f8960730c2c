package dev.marketdata.application.contract;

import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waits for a port's result with a deadline, unwrapping the failure the port completed with. */
public final class Await {
  private static final long DEADLINE_SECONDS = 30;

  private Await() {}

  public static <T> T result(CompletionStage<T> stage) {
    try {
      return stage.toCompletableFuture().get(DEADLINE_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new CompletionException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting", e);
    } catch (TimeoutException e) {
      throw new IllegalStateException("no result within " + DEADLINE_SECONDS + " s", e);
    }
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
}
