package dev.marketdata.domain.port;

import dev.marketdata.domain.model.BudgetState;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.RateLimit;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Our outbound budget with each provider: at most so many calls per period (its usage terms), one
 * permit taken before each call is sent. A shared implementation counts the calls of every replica
 * and keeps them across restarts, so a deployment as a whole stays within the limits and a restart
 * does not refill a daily budget; an in-memory one counts this process's calls only.
 *
 * <p>Every limit is a sliding window: a call counts against {@code n/period} for exactly {@code
 * period} after it was sent. The limits are passed with each call (they are the provider's
 * configuration); with none, nothing is counted and nothing is stored.
 */
public interface ProviderBudgets {
  /**
   * Takes one permit from every one of {@code limits} for a call to {@code provider} about to be
   * sent, and completes with what is left of each afterwards. When any limit has no permit left it
   * takes nothing and fails with {@code ProviderThrottled} ({@code localBudget} true), its
   * retry-after saying when every limit has one again. A shared implementation may also refuse
   * while a throttle the provider asked for is in force ({@code localBudget} false).
   */
  CompletionStage<List<BudgetState>> acquire(ProviderId provider, List<RateLimit> limits);

  /** What is left of each of {@code limits} for {@code provider} now, in the same order. */
  CompletionStage<List<BudgetState>> remaining(ProviderId provider, List<RateLimit> limits);
}
