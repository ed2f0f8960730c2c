package dev.marketdata.adapter.provider;

import dev.marketdata.domain.model.BudgetState;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.RateLimit;
import dev.marketdata.domain.port.ProviderBudgets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * One provider's budget in {@link ProviderBudgets}: its configured limits, and the state last seen
 * (after a permit was taken or the budget was asked), which a status that may not wait reports.
 */
final class ProviderBudget {
  private final ProviderId provider;
  private final List<RateLimit> limits;
  private final ProviderBudgets budgets;
  private final Clock clock;
  private volatile List<BudgetState> lastSeen;

  ProviderBudget(
      ProviderId provider, List<RateLimit> limits, ProviderBudgets budgets, Clock clock) {
    this.provider = provider;
    this.limits = List.copyOf(limits);
    this.budgets = budgets;
    this.clock = clock;
  }

  List<RateLimit> limits() {
    return limits;
  }

  /** Takes a permit from every limit, or fails with {@code ProviderThrottled} taking none. */
  CompletionStage<List<BudgetState>> acquire() {
    return budgets.acquire(provider, limits).thenApply(this::seen);
  }

  /** What is left now, as the budget (shared or not) says. */
  CompletionStage<List<BudgetState>> remaining() {
    return budgets.remaining(provider, limits).thenApply(this::seen);
  }

  /** How long until a call would be allowed; zero when one would be now. */
  CompletionStage<Duration> waitTime() {
    return remaining().thenApply(states -> BudgetState.untilRoom(states, clock.instant()));
  }

  /** The state last seen; every permit left when none was seen yet. */
  List<BudgetState> lastSeen() {
    List<BudgetState> seen = lastSeen;
    if (seen != null) {
      return seen;
    }
    Instant now = clock.instant();
    return limits.stream().map(l -> BudgetState.counted(l, 0, null, now)).toList();
  }

  private List<BudgetState> seen(List<BudgetState> states) {
    lastSeen = states;
    return states;
  }
}
