package dev.marketdata.application.contract;

import static dev.marketdata.testsupport.Await.failure;
import static dev.marketdata.testsupport.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

import dev.marketdata.domain.failure.ProviderThrottled;
import dev.marketdata.domain.model.BudgetState;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.RateLimit;
import dev.marketdata.domain.port.ProviderBudgets;
import dev.marketdata.testsupport.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@code ProviderBudgets} promises: each limit a sliding window over the calls sent, a
 * refusal that takes nothing and says when there is room again, and never more permits than a limit
 * has, however many ask at once.
 */
public abstract class ProviderBudgetsContract {
  protected static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

  protected final MutableClock clock = new MutableClock(T0);
  protected ProviderBudgets budgets;

  /**
   * A provider of its own per test, so tests sharing a database do not count each other's calls.
   */
  protected ProviderId provider;

  /** A budget store with nothing spent for a provider it has not seen, on {@code clock}. */
  protected abstract ProviderBudgets budgets(Clock clock);

  @BeforeEach
  void createBudgets() {
    budgets = budgets(clock);
    provider = uniqueProvider();
  }

  protected static ProviderId uniqueProvider() {
    return ProviderId.of("b" + UUID.randomUUID().toString().replace("-", "").substring(0, 20));
  }

  protected List<BudgetState> acquire(List<RateLimit> limits) {
    return result(budgets.acquire(provider, limits));
  }

  protected ProviderThrottled refused(List<RateLimit> limits) {
    Throwable failure = failure(budgets.acquire(provider, limits));
    assertThat(failure).isInstanceOf(ProviderThrottled.class);
    return (ProviderThrottled) failure;
  }

  protected List<BudgetState> remaining(List<RateLimit> limits) {
    return result(budgets.remaining(provider, limits));
  }

  @Test
  void givenUnusedBudget_remaining_isEveryPermitResettingNow() {
    assertThat(remaining(List.of(RateLimit.perMinute(60))))
        .containsExactly(new BudgetState(RateLimit.perMinute(60), 60, T0));
  }

  @Test
  void givenFirstCall_acquire_answersWhatIsLeftAfterIt() {
    List<BudgetState> after = acquire(List.of(RateLimit.perMinute(5), RateLimit.perDay(25)));

    assertThat(after)
        .containsExactly(
            new BudgetState(RateLimit.perMinute(5), 4, T0.plus(Duration.ofMinutes(1))),
            new BudgetState(RateLimit.perDay(25), 24, T0.plus(Duration.ofDays(1))));
    assertThat(remaining(List.of(RateLimit.perMinute(5), RateLimit.perDay(25)))).isEqualTo(after);
  }

  @Test
  void givenFivePerMinute_sixthAcquire_failsWithRetryAfterUntilTheOldestLeavesTheWindow() {
    List<RateLimit> limits = List.of(RateLimit.perMinute(5));
    for (int i = 0; i < 5; i++) {
      acquire(limits);
      clock.advance(Duration.ofSeconds(1));
    }

    ProviderThrottled refused = refused(limits);

    assertThat(refused.localBudget()).isTrue();
    assertThat(refused.provider()).isEqualTo(provider.value());
    assertThat(refused.retryAfter()).isEqualTo(Duration.ofSeconds(55));
    assertThat(refused.getMessage()).contains("throttled (retry after 55 s)");
    assertThat(remaining(limits))
        .containsExactly(new BudgetState(RateLimit.perMinute(5), 0, T0.plusSeconds(60)));
  }

  @Test
  void givenWindowPassed_acquire_succeedsAgain() {
    List<RateLimit> limits = List.of(RateLimit.perMinute(1));
    acquire(limits);
    clock.advance(Duration.ofSeconds(59));
    refused(limits);
    clock.advance(Duration.ofSeconds(1));

    acquire(limits);

    assertThat(remaining(limits)).singleElement().extracting(BudgetState::remaining).isEqualTo(0);
  }

  @Test
  void givenOneLimitExhausted_acquire_takesNothingFromTheOthers() {
    List<RateLimit> limits = List.of(RateLimit.perSecond(1), RateLimit.perDay(25));
    acquire(limits);

    refused(limits);

    assertThat(remaining(limits)).extracting(BudgetState::remaining).containsExactly(0, 24);
  }

  @Test
  void givenSubSecondWait_retryAfter_isRoundedUpToAWholeSecond() {
    List<RateLimit> limits = List.of(RateLimit.perSecond(1));
    acquire(limits);
    clock.advance(Duration.ofMillis(999));

    assertThat(refused(limits).retryAfter()).isEqualTo(Duration.ofSeconds(1));
    assertThat(BudgetState.untilRoom(remaining(limits), clock.instant()))
        .isEqualTo(Duration.ofMillis(1));
  }

  @Test
  void givenNoLimits_acquire_alwaysSucceedsAndCountsNothing() {
    for (int i = 0; i < 1_000; i++) {
      assertThat(acquire(List.of())).isEmpty();
    }
    assertThat(remaining(List.of())).isEmpty();
    assertThat(remaining(List.of(RateLimit.perDay(1))))
        .singleElement()
        .extracting(BudgetState::remaining)
        .isEqualTo(1);
  }

  @Test
  void givenOneProviderSpent_anotherProvider_stillHasItsWholeBudget() {
    List<RateLimit> limits = List.of(RateLimit.perMinute(1));
    acquire(limits);
    ProviderId other = uniqueProvider();

    assertThat(result(budgets.acquire(other, limits)))
        .extracting(BudgetState::remaining)
        .containsExactly(0);
    refused(limits);
  }

  @Test
  void givenLimitLoweredBelowTheCallsCounted_acquire_waitsUntilEnoughHaveLeft() {
    for (int i = 0; i < 5; i++) {
      acquire(List.of(RateLimit.perMinute(5)));
      clock.advance(Duration.ofSeconds(1));
    }
    // Now 5 s; calls at 0..4 s. With 3/min, a permit is free once the calls at 0, 1, 2 s left.
    List<RateLimit> lowered = List.of(RateLimit.perMinute(3));

    assertThat(refused(lowered).retryAfter()).isEqualTo(Duration.ofSeconds(57));
    assertThat(remaining(lowered))
        .containsExactly(new BudgetState(RateLimit.perMinute(3), 0, T0.plusSeconds(62)));
  }

  @Test
  void givenFortyAcquiresAtOnce_twentyPerMinute_grantsExactlyTwenty() {
    List<RateLimit> limits = List.of(RateLimit.perMinute(20));
    List<CompletableFuture<Boolean>> outcomes = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      outcomes.add(
          CompletableFuture.supplyAsync(() -> budgets.acquire(provider, limits))
              .thenCompose(stage -> stage)
              .handle((states, error) -> granted(error)));
    }

    long granted = outcomes.stream().filter(CompletableFuture::join).count();

    assertThat(granted).isEqualTo(20);
    assertThat(remaining(limits)).extracting(BudgetState::remaining).containsExactly(0);
  }

  /** True for a permit, false for the budget's refusal; anything else fails the test. */
  protected static boolean granted(Throwable error) {
    if (error == null) {
      return true;
    }
    Throwable cause = error instanceof CompletionException c ? c.getCause() : error;
    assertThat(cause).isInstanceOf(ProviderThrottled.class);
    assertThat(((ProviderThrottled) cause).localBudget()).isTrue();
    return false;
  }
}
