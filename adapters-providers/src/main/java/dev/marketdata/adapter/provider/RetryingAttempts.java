package dev.marketdata.adapter.provider;

import dev.marketdata.domain.failure.ProviderThrottled;
import dev.marketdata.domain.failure.ProviderUnavailable;
import dev.marketdata.domain.failure.ProviderUnavailable.Kind;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.IntFunction;

/**
 * Runs attempts of one call: each attempt first passes the provider's throttle gate and takes a
 * permit from the budget (a round trip when the budget is shared), and a transient {@link
 * ProviderUnavailable} (timeout, connection, 5xx, a bad body) is retried after a backoff that a
 * scheduler waits out, so no thread sleeps. Every other failure ends the call at once: a refused
 * request ({@link Kind#REJECTED}), a missing symbol, a rejected key, a throttle; the provider's own
 * throttle also closes the gate for its wait.
 */
final class RetryingAttempts {
  private final ThrottleGate gate;
  private final ProviderBudget budget;
  private final RetryPolicy retry;
  private final ScheduledExecutorService scheduler;

  RetryingAttempts(
      ThrottleGate gate,
      ProviderBudget budget,
      RetryPolicy retry,
      ScheduledExecutorService scheduler) {
    this.gate = gate;
    this.budget = budget;
    this.retry = retry;
    this.scheduler = scheduler;
  }

  /** Whether another attempt could give a different answer. */
  static boolean retryable(Throwable failure) {
    return failure instanceof ProviderUnavailable unavailable
        && unavailable.kind() != Kind.REJECTED
        && unavailable.kind() != Kind.NOT_CONFIGURED;
  }

  /**
   * Runs {@code attempt} (given its 1-based number) until it succeeds, fails for good, or the
   * attempts run out; {@code onFailure} hears of every failed attempt.
   */
  <T> CompletionStage<T> run(
      IntFunction<CompletionStage<T>> attempt, BiConsumer<Integer, Throwable> onFailure) {
    CompletableFuture<T> result = new CompletableFuture<>();
    permit()
        .whenComplete(
            (ignored, error) -> {
              if (error != null) {
                Throwable cause = unwrap(error);
                onFailure.accept(1, cause);
                result.completeExceptionally(cause);
              } else {
                next(attempt, 1, result, onFailure);
              }
            });
    return result;
  }

  /**
   * Passes the gate and takes a permit, or fails (mostly {@link ProviderThrottled}), sending none.
   */
  private CompletionStage<Void> permit() {
    try {
      gate.check();
      return budget.acquire().thenApply(states -> null);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private static Throwable unwrap(Throwable error) {
    return error instanceof CompletionException c && c.getCause() != null ? c.getCause() : error;
  }

  private <T> void next(
      IntFunction<CompletionStage<T>> attempt,
      int number,
      CompletableFuture<T> result,
      BiConsumer<Integer, Throwable> onFailure) {
    CompletionStage<T> stage;
    try {
      stage = attempt.apply(number);
    } catch (RuntimeException e) {
      stage = CompletableFuture.failedFuture(e);
    }
    stage.whenComplete(
        (value, error) -> {
          if (error == null) {
            result.complete(value);
            return;
          }
          Throwable cause = unwrap(error);
          onFailure.accept(number, cause);
          if (retryable(cause) && retry.allowsAnotherAfter(number)) {
            retryLater(attempt, number, result, onFailure, (ProviderUnavailable) cause);
          } else {
            // A provider's throttle is shared before its failure is reported, so a caller that
            // turns to another replica finds that one holding back too.
            gate.observe(cause)
                .whenComplete((shared, never) -> result.completeExceptionally(cause));
          }
        });
  }

  private <T> void retryLater(
      IntFunction<CompletionStage<T>> attempt,
      int number,
      CompletableFuture<T> result,
      BiConsumer<Integer, Throwable> onFailure,
      ProviderUnavailable failure) {
    // Each retry spends budget too. When the budget would make us wait longer than the backoff
    // allows, the real failure is reported rather than hidden behind a local throttle.
    Duration backoff = retry.delayAfter(number, ThreadLocalRandom.current()::nextDouble);
    budget
        .waitTime()
        .whenComplete(
            (budgetWait, error) -> {
              if (error != null) {
                failure.addSuppressed(unwrap(error));
                result.completeExceptionally(failure);
              } else if (budgetWait.compareTo(retry.maxDelay()) > 0) {
                result.completeExceptionally(failure);
              } else {
                Duration delay = budgetWait.compareTo(backoff) > 0 ? budgetWait : backoff;
                schedule(
                    delay,
                    () -> retryNow(attempt, number, result, onFailure, failure),
                    result,
                    failure);
              }
            });
  }

  private <T> void retryNow(
      IntFunction<CompletionStage<T>> attempt,
      int number,
      CompletableFuture<T> result,
      BiConsumer<Integer, Throwable> onFailure,
      ProviderUnavailable failure) {
    permit()
        .whenComplete(
            (ignored, error) -> {
              if (error != null) {
                failure.addSuppressed(unwrap(error));
                result.completeExceptionally(failure);
              } else {
                next(attempt, number + 1, result, onFailure);
              }
            });
  }

  private void schedule(
      Duration delay, Runnable again, CompletableFuture<?> result, ProviderUnavailable failure) {
    try {
      scheduler.schedule(again, delay.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException shuttingDown) {
      failure.addSuppressed(shuttingDown);
      result.completeExceptionally(failure);
    }
  }
}
