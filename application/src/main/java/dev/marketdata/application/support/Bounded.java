package dev.marketdata.application.support;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/** Runs asynchronous tasks over a list with at most N in flight at once. */
public final class Bounded {
  private Bounded() {}

  /**
   * Calls {@code task} for every item, at most {@code parallelism} at a time; the returned stage
   * completes when all have finished. Individual failures are the task's to record: a failed task
   * does not stop the others.
   */
  public static <T> CompletionStage<Void> forEach(
      List<T> items, int parallelism, Function<T, CompletionStage<?>> task) {
    if (items.isEmpty()) {
      return CompletableFuture.completedFuture(null);
    }
    CompletableFuture<Void> done = new CompletableFuture<>();
    AtomicInteger next = new AtomicInteger();
    AtomicInteger finished = new AtomicInteger();
    Runnable[] worker = new Runnable[1];
    worker[0] =
        () -> {
          int index = next.getAndIncrement();
          if (index >= items.size()) {
            return;
          }
          Futures.defer(() -> task.apply(items.get(index)))
              .whenComplete(
                  (ignored, failure) -> {
                    if (finished.incrementAndGet() == items.size()) {
                      done.complete(null);
                    } else {
                      worker[0].run();
                    }
                  });
        };
    for (int i = 0; i < Math.min(parallelism, items.size()); i++) {
      worker[0].run();
    }
    return done;
  }
}
