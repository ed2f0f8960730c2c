package dev.marketdata.application.support;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/** Small helpers for {@link CompletionStage}s, so failures keep their domain type. */
public final class Futures {
  private Futures() {}

  /** The failure a stage really failed with, without the wrappers the JDK adds. */
  public static Throwable unwrap(Throwable failure) {
    Throwable t = failure;
    while ((t instanceof CompletionException || t instanceof ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  /** Runs {@code call}, turning a synchronous throw into a failed stage. */
  public static <T> CompletionStage<T> defer(Supplier<CompletionStage<T>> call) {
    try {
      return call.get();
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }
}
