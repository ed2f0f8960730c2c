package dev.marketdata.adapter.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waits for a fetch with a deadline and hands back its value or its failure. */
final class Outcomes {
  static final Duration DEADLINE = Duration.ofSeconds(20);

  private Outcomes() {}

  static <T> T value(CompletionStage<T> stage) throws Exception {
    return stage.toCompletableFuture().get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
  }

  static <E extends Throwable> E failure(CompletionStage<?> stage, Class<E> type)
      throws InterruptedException, TimeoutException {
    try {
      Object value = stage.toCompletableFuture().get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
      throw new AssertionError("expected " + type.getSimpleName() + " but got " + value);
    } catch (ExecutionException e) {
      assertThat(e.getCause()).isInstanceOf(type);
      return type.cast(e.getCause());
    }
  }
}
