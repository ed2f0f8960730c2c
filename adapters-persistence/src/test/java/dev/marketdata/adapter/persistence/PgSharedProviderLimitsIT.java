package dev.marketdata.adapter.persistence;

import static dev.marketdata.testsupport.Await.failure;
import static dev.marketdata.testsupport.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

import dev.marketdata.domain.failure.ProviderThrottled;
import dev.marketdata.domain.model.BudgetState;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.RateLimit;
import dev.marketdata.testsupport.MutableClock;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two replicas' worth of budgets and throttles, each on its own pool, on one database: together
 * they never take more permits than a limit has, a restarted replica does not get a daily budget
 * back, and a provider's throttle heard by one holds the other's calls too.
 */
@ExtendWith(PgStoreExtension.class)
class PgSharedProviderLimitsIT {
  private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

  private final PgTestStore store;
  private final MutableClock clock = new MutableClock(T0);
  private final ProviderId provider =
      ProviderId.of("s" + UUID.randomUUID().toString().replace("-", "").substring(0, 20));
  private Pool otherPool;

  PgSharedProviderLimitsIT(PgTestStore store) {
    this.store = store;
  }

  @BeforeEach
  void openSecondReplicasPool() {
    otherPool = store.newPool();
  }

  @AfterEach
  void closeSecondReplicasPool() {
    result(otherPool.close().toCompletionStage());
  }

  @Test
  void givenTwoReplicas_fortyAcquiresAtOnceAgainstTwentyPerMinute_grantExactlyTwenty() {
    PgProviderBudgets first = new PgProviderBudgets(store.pool, clock);
    PgProviderBudgets second = new PgProviderBudgets(otherPool, clock);
    List<RateLimit> limits = List.of(RateLimit.perMinute(20));
    List<CompletableFuture<Boolean>> outcomes = new ArrayList<>();

    for (int i = 0; i < 40; i++) {
      PgProviderBudgets replica = i % 2 == 0 ? first : second;
      outcomes.add(
          replica
              .acquire(provider, limits)
              .toCompletableFuture()
              .handle((states, error) -> granted(error)));
    }

    assertThat(outcomes.stream().filter(CompletableFuture::join).count()).isEqualTo(20);
    assertThat(calls()).as("calls logged").isEqualTo(20);
    assertThat(result(second.remaining(provider, limits)))
        .extracting(BudgetState::remaining)
        .containsExactly(0);
  }

  @Test
  void givenDailyBudgetSpent_aRestartedReplica_isStillRefusedUntilTheDayPassed() {
    List<RateLimit> limits = List.of(RateLimit.perMinute(5), RateLimit.perDay(3));
    PgProviderBudgets before = new PgProviderBudgets(store.pool, clock);
    for (int i = 0; i < 3; i++) {
      result(before.acquire(provider, limits));
      clock.advance(Duration.ofMinutes(10));
    }

    // A new process: new pool, new adapter, nothing in memory.
    PgProviderBudgets restarted = new PgProviderBudgets(otherPool, clock);
    ProviderThrottled refused = refused(restarted, limits);

    assertThat(refused.localBudget()).isTrue();
    // Calls at 0, 10 and 20 min; now 30 min: the first leaves the day's window at 24 h.
    assertThat(refused.retryAfter()).isEqualTo(Duration.ofHours(23).plusMinutes(30));
    assertThat(result(restarted.remaining(provider, limits)))
        .containsExactly(
            new BudgetState(RateLimit.perMinute(5), 5, clock.instant()),
            new BudgetState(RateLimit.perDay(3), 0, T0.plus(Duration.ofDays(1))));
    clock.advance(Duration.ofHours(23).plusMinutes(30));
    result(restarted.acquire(provider, limits));
  }

  @Test
  void givenCallsOlderThanTheLongestWindow_theyAreDeletedAsNewOnesAreLogged() {
    PgProviderBudgets budgets = new PgProviderBudgets(store.pool, clock);
    List<RateLimit> limits = List.of(RateLimit.perSecond(1));
    for (int i = 0; i < 3; i++) {
      result(budgets.acquire(provider, limits));
      clock.advance(Duration.ofHours(1));
    }
    assertThat(calls()).isEqualTo(3);
    // Past a day (the least a call is kept) after the first two, the next call removes them.
    clock.advance(Duration.ofHours(22).plusSeconds(1));

    result(budgets.acquire(provider, limits));

    assertThat(calls()).isEqualTo(2);
  }

  @Test
  void givenOneReplicaHeardA429_theOther_isHeldBackUntilItPasses() {
    PgProviderThrottles heard = new PgProviderThrottles(store.pool, clock);
    PgProviderThrottles other = new PgProviderThrottles(otherPool, clock);
    PgProviderBudgets otherBudgets = new PgProviderBudgets(otherPool, clock);
    List<RateLimit> limits = List.of(RateLimit.perMinute(60));
    Instant until = T0.plusSeconds(30);

    result(heard.throttledUntil(provider, until));

    assertThat(heard.blockedUntil(provider, T0)).hasValue(until);
    ProviderThrottled held = refused(otherBudgets, limits);
    assertThat(held.localBudget()).as("the provider's throttle, not our budget").isFalse();
    assertThat(held.retryAfter()).isEqualTo(Duration.ofSeconds(30));
    assertThat(other.blockedUntil(provider, T0)).as("before its copy is refreshed").isEmpty();
    result(other.refresh());
    assertThat(other.blockedUntil(provider, T0)).hasValue(until);
    assertThat(calls()).as("nothing logged while held").isZero();

    clock.advance(Duration.ofSeconds(30));
    assertThat(other.blockedUntil(provider, clock.instant())).isEmpty();
    result(otherBudgets.acquire(provider, limits));
  }

  @Test
  void givenTwoThrottlesForOneProvider_theLaterOne_wins() {
    PgProviderThrottles first = new PgProviderThrottles(store.pool, clock);
    PgProviderThrottles second = new PgProviderThrottles(otherPool, clock);
    result(first.throttledUntil(provider, T0.plusSeconds(3600)));
    result(second.throttledUntil(provider, T0.plusSeconds(60)));

    PgProviderThrottles fresh = new PgProviderThrottles(otherPool, clock);
    result(fresh.refresh());

    assertThat(fresh.blockedUntil(provider, T0)).hasValue(T0.plusSeconds(3600));
  }

  @Test
  void givenNoLimits_acquire_neverReachesTheDatabase() {
    Pool closed = store.newPool();
    result(closed.close().toCompletionStage());
    PgProviderBudgets budgets = new PgProviderBudgets(closed, clock);

    assertThat(result(budgets.acquire(provider, List.of()))).isEmpty();
    assertThat(result(budgets.remaining(provider, List.of()))).isEmpty();
  }

  private ProviderThrottled refused(PgProviderBudgets budgets, List<RateLimit> limits) {
    Throwable failure = failure(budgets.acquire(provider, limits));
    assertThat(failure).isInstanceOf(ProviderThrottled.class);
    return (ProviderThrottled) failure;
  }

  private long calls() {
    return store
        .query("SELECT count(*) FROM provider_calls WHERE provider = $1", provider.value())
        .get(0)
        .getLong(0);
  }

  private static boolean granted(Throwable error) {
    if (error == null) {
      return true;
    }
    Throwable cause = error instanceof CompletionException c ? c.getCause() : error;
    assertThat(cause).isInstanceOf(ProviderThrottled.class);
    assertThat(((ProviderThrottled) cause).localBudget()).isTrue();
    return false;
  }
}
