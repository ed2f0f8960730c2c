package dev.marketdata.application.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BoundedTest {
  private static final List<Integer> TEN_THOUSAND = IntStream.range(0, 10_000).boxed().toList();

  @ParameterizedTest
  @ValueSource(ints = {1, 4, 32})
  void givenTenThousandSynchronousCompletions_forEach_runsEveryTaskAndCompletes(int parallelism) {
    AtomicInteger calls = new AtomicInteger();

    CompletionStage<Void> done =
        Bounded.forEach(
            TEN_THOUSAND,
            parallelism,
            item -> {
              calls.incrementAndGet();
              return CompletableFuture.completedFuture(item);
            });

    // Every task completed before forEach returned, so done must already be complete.
    assertThat(done.toCompletableFuture()).isCompleted();
    assertThat(calls).hasValue(10_000);
  }

  @Test
  void givenTenThousandSynchronousFailures_forEach_stillRunsEveryTaskAndCompletes() {
    AtomicInteger calls = new AtomicInteger();

    CompletionStage<Void> done =
        Bounded.forEach(
            TEN_THOUSAND,
            1,
            item -> {
              calls.incrementAndGet();
              if (item % 2 == 0) {
                throw new IllegalStateException("synchronous throw " + item);
              }
              return CompletableFuture.failedFuture(new IllegalStateException("failed " + item));
            });

    assertThat(done.toCompletableFuture()).isCompleted();
    assertThat(calls).hasValue(10_000);
  }

  @Test
  void givenAMixOfSynchronousAndLaterCompletions_forEach_keepsAtMostNInFlightAndCompletes()
      throws Exception {
    int parallelism = 3;
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger maxInFlight = new AtomicInteger();
    AtomicInteger calls = new AtomicInteger();
    List<CompletableFuture<Void>> later = new ArrayList<>();

    CompletionStage<Void> done =
        Bounded.forEach(
            TEN_THOUSAND,
            parallelism,
            item -> {
              calls.incrementAndGet();
              maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
              if (item % 1000 == 999) {
                // Completed later, from another thread.
                CompletableFuture<Void> task = new CompletableFuture<>();
                synchronized (later) {
                  later.add(task);
                }
                return task.whenComplete((v, e) -> inFlight.decrementAndGet());
              }
              inFlight.decrementAndGet();
              return CompletableFuture.completedFuture(null);
            });

    // Release the pending ones one by one from another thread until everything has run.
    CompletableFuture<Void> releaser =
        CompletableFuture.runAsync(
            () -> {
              long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
              while (!done.toCompletableFuture().isDone() && System.nanoTime() < deadline) {
                CompletableFuture<Void> next = null;
                synchronized (later) {
                  if (!later.isEmpty()) {
                    next = later.remove(0);
                  }
                }
                if (next != null) {
                  next.complete(null);
                } else {
                  Thread.onSpinWait();
                }
              }
            });

    done.toCompletableFuture().get(10, TimeUnit.SECONDS);
    releaser.get(10, TimeUnit.SECONDS);
    assertThat(calls).hasValue(10_000);
    assertThat(maxInFlight.get()).isLessThanOrEqualTo(parallelism);
  }

  @Test
  void givenNoItems_forEach_isDoneAtOnce() {
    assertThat(
            Bounded.forEach(List.<Integer>of(), 4, i -> CompletableFuture.completedFuture(null))
                .toCompletableFuture())
        .isCompleted();
  }
}
