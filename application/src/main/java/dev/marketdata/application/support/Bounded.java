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
   *
   * <p>Tasks are started from a loop, never from inside the previous task's completion: a task that
   * completes synchronously only tells the loop to go round again, so ten thousand synchronous
   * completions use one stack frame, not ten thousand.
   */
  public static <T> CompletionStage<Void> forEach(
      List<T> items, int parallelism, Function<T, CompletionStage<?>> task) {
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be at least 1: " + parallelism);
    }
    if (items.isEmpty()) {
      return CompletableFuture.completedFuture(null);
    }
    Run<T> run = new Run<>(items, parallelism, task);
    run.drain();
    return run.done;
  }

  private static final class Run<T> {
    private final List<T> items;
    private final int parallelism;
    private final Function<T, CompletionStage<?>> task;
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private final AtomicInteger finished = new AtomicInteger();

    /** Requests to go round the loop; only the caller that raised it from 0 runs the loop. */
    private final AtomicInteger wip = new AtomicInteger();

    /** Written only by the thread running the loop; wip's atomics publish it to the next one. */
    private int started;

    Run(List<T> items, int parallelism, Function<T, CompletionStage<?>> task) {
      this.items = items;
      this.parallelism = parallelism;
      this.task = task;
    }

    void drain() {
      if (wip.getAndIncrement() != 0) {
        return; // the thread in the loop will go round once more
      }
      int missed = 1;
      while (true) {
        while (started < items.size() && started - finished.get() < parallelism) {
          T item = items.get(started++);
          CompletionStage<?> stage = Futures.defer(() -> task.apply(item));
          if (stage == null) {
            // Counted as finished, so that a buggy task cannot leave done pending forever.
            stage = CompletableFuture.failedFuture(new NullPointerException("task gave no stage"));
          }
          stage.whenComplete((ignored, failure) -> onFinished());
        }
        if (finished.get() == items.size()) {
          done.complete(null);
        }
        missed = wip.addAndGet(-missed);
        if (missed == 0) {
          return;
        }
      }
    }

    private void onFinished() {
      finished.incrementAndGet();
      drain();
    }
  }
}
