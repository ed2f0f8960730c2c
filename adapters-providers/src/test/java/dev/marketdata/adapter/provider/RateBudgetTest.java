package dev.marketdata.adapter.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marketdata.domain.failure.ProviderThrottled;
import dev.marketdata.domain.model.BudgetState;
import dev.marketdata.domain.model.RateLimit;
import dev.marketdata.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RateBudgetTest {
  private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
  private final MutableClock clock = new MutableClock(T0);

  @Test
  void givenFivePerMinute_sixthAcquire_failsWithRetryAfterUntilTheOldestLeavesTheWindow() {
    RateBudget budget = new RateBudget("p", List.of(RateLimit.perMinute(5)), clock);
    for (int i = 0; i < 5; i++) {
      budget.acquire();
      clock.advance(Duration.ofSeconds(1));
    }

    assertThatThrownBy(budget::acquire)
        .isInstanceOfSatisfying(
            ProviderThrottled.class,
            t -> {
              assertThat(t.localBudget()).isTrue();
              assertThat(t.retryAfter()).isEqualTo(Duration.ofSeconds(55));
              assertThat(t.getMessage()).contains("throttled (retry after 55 s)");
            });
  }

  @Test
  void givenWindowPassed_acquire_succeedsAgain() {
    RateBudget budget = new RateBudget("p", List.of(RateLimit.perMinute(1)), clock);
    budget.acquire();
    clock.advance(Duration.ofMinutes(1));

    budget.acquire();

    assertThat(budget.states()).singleElement().extracting(BudgetState::remaining).isEqualTo(0);
  }

  @Test
  void givenOneLimitExhausted_acquire_takesNothingFromTheOthers() {
    RateBudget budget =
        new RateBudget("p", List.of(RateLimit.perSecond(1), RateLimit.perDay(25)), clock);
    budget.acquire();

    assertThatThrownBy(budget::acquire).isInstanceOf(ProviderThrottled.class);

    assertThat(budget.states()).extracting(BudgetState::remaining).containsExactly(0, 24);
  }

  @Test
  void givenSubSecondWait_retryAfter_isRoundedUpToAWholeSecond() {
    RateBudget budget = new RateBudget("p", List.of(RateLimit.perSecond(1)), clock);
    budget.acquire();
    clock.advance(Duration.ofMillis(999));

    assertThatThrownBy(budget::acquire)
        .isInstanceOfSatisfying(
            ProviderThrottled.class,
            t -> assertThat(t.retryAfter()).isEqualTo(Duration.ofSeconds(1)));
    assertThat(budget.waitTime()).isEqualTo(Duration.ofMillis(1));
  }

  @Test
  void givenNoLimits_acquire_alwaysSucceeds() {
    RateBudget budget = new RateBudget("p", List.of(), clock);
    for (int i = 0; i < 10_000; i++) {
      budget.acquire();
    }
    assertThat(budget.states()).isEmpty();
  }

  @Test
  void givenUnusedBudget_states_reportFullRemainingResettingNow() {
    RateBudget budget = new RateBudget("p", List.of(RateLimit.perMinute(60)), clock);

    assertThat(budget.states()).containsExactly(new BudgetState(RateLimit.perMinute(60), 60, T0));
  }

  @Test
  void givenManyThreadsRacing_acquire_grantsExactlyThePermits() throws Exception {
    RateBudget budget = new RateBudget("p", List.of(RateLimit.perMinute(50)), clock);
    AtomicInteger granted = new AtomicInteger();
    AtomicInteger refused = new AtomicInteger();
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    for (int i = 0; i < 400; i++) {
      pool.execute(
          () -> {
            try {
              start.await();
              budget.acquire();
              granted.incrementAndGet();
            } catch (ProviderThrottled e) {
              refused.incrementAndGet();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          });
    }
    start.countDown();
    pool.shutdown();
    assertThat(pool.awaitTermination(20, TimeUnit.SECONDS)).isTrue();

    assertThat(granted).hasValue(50);
    assertThat(refused).hasValue(350);
  }
}
