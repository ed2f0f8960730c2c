package dev.marketdata.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Future;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AwaitTest {
  @Test
  void givenACompletedStageOrFuture_result_isItsValue() {
    assertThat(Await.result(CompletableFuture.completedFuture("v"))).isEqualTo("v");
    assertThat(Await.result(Future.succeededFuture(7))).isEqualTo(7);
  }

  @Test
  void givenARuntimeFailure_result_rethrowsItUnwrapped() {
    IllegalArgumentException cause = new IllegalArgumentException("bad");

    assertThatThrownBy(() -> Await.result(CompletableFuture.failedFuture(cause))).isSameAs(cause);
    assertThat(Await.failure(CompletableFuture.failedFuture(cause))).isSameAs(cause);
  }

  @Test
  void givenACheckedFailure_failure_isItWrappedInACompletionException() {
    IOException cause = new IOException("down");

    assertThat(Await.failure(CompletableFuture.failedFuture(cause)))
        .isInstanceOf(CompletionException.class)
        .hasCause(cause);
  }

  @Test
  void givenASuccess_failure_failsTheTest() {
    assertThatThrownBy(() -> Await.failure(CompletableFuture.completedFuture("fine")))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("fine");
  }

  @Test
  void givenAStageThatNeverCompletes_result_failsAtTheDeadline() {
    assertThatThrownBy(() -> Await.result(new CompletableFuture<>(), Duration.ofMillis(50)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("no result within");
  }

  @Test
  void givenAConditionThatThrowsThenHolds_until_waitsForIt() {
    AtomicInteger checks = new AtomicInteger();

    Await.until(
        "the third check",
        Duration.ofSeconds(30),
        () -> {
          if (checks.incrementAndGet() == 1) {
            throw new IllegalStateException("not started yet");
          }
          return checks.get() >= 3;
        });

    assertThat(checks).hasValue(3);
  }

  @Test
  void givenAConditionThatNeverHolds_until_failsNamingItAndTheLastFailure() {
    IllegalStateException last = new IllegalStateException("still down");

    assertThatThrownBy(
            () ->
                Await.until(
                    "the broker is back",
                    Duration.ofMillis(250),
                    () -> {
                      throw last;
                    }))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("waiting until the broker is back")
        .hasCause(last);
  }

  @Test
  void givenAConditionThatStopsHolding_holdsFor_fails() {
    AtomicInteger checks = new AtomicInteger();

    assertThatThrownBy(
            () ->
                Await.holdsFor(
                    "fewer than 3 checks",
                    Duration.ofSeconds(30),
                    () -> checks.incrementAndGet() < 3))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("stopped holding: fewer than 3 checks");
  }

  @Test
  void givenAConditionThatHolds_holdsFor_returnsAfterThePeriod() {
    long start = System.nanoTime();

    Await.holdsFor("always", Duration.ofMillis(300), () -> true);

    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofMillis(300));
  }
}
