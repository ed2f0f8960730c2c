package dev.marketdata.adapter.provider;

import dev.marketdata.domain.failure.ProviderThrottled;
import dev.marketdata.domain.model.BudgetState;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.RateLimit;
import dev.marketdata.domain.port.ProviderBudgets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The providers' budgets as this process spends them: per provider a log of the times calls were
 * sent, as long as the longest limit, from which each limit's sliding window is counted. Other
 * replicas' calls are not seen and a restart forgets every call; a deployment of several replicas
 * uses the shared implementation in the persistence adapter. Time comes from the injected clock.
 */
public final class InMemoryProviderBudgets implements ProviderBudgets {
  private final Clock clock;
  private final ConcurrentMap<ProviderId, List<Instant>> sent = new ConcurrentHashMap<>();

  public InMemoryProviderBudgets(Clock clock) {
    this.clock = clock;
  }

  @Override
  public CompletionStage<List<BudgetState>> acquire(ProviderId provider, List<RateLimit> limits) {
    if (limits.isEmpty()) {
      return CompletableFuture.completedFuture(List.of());
    }
    List<Instant> log = log(provider);
    synchronized (log) {
      Instant now = clock.instant();
      prune(log, limits, now);
      List<BudgetState> before = states(log, limits, now);
      Duration wait = BudgetState.untilRoom(before, now);
      if (wait.compareTo(Duration.ZERO) > 0) {
        return CompletableFuture.failedFuture(
            ProviderThrottled.budgetSpent(provider.value(), wait, "local budget exhausted"));
      }
      log.add(firstAfter(log, now), now); // in time order even if the clock stepped back
      return CompletableFuture.completedFuture(states(log, limits, now));
    }
  }

  @Override
  public CompletionStage<List<BudgetState>> remaining(ProviderId provider, List<RateLimit> limits) {
    if (limits.isEmpty()) {
      return CompletableFuture.completedFuture(List.of());
    }
    List<Instant> log = log(provider);
    synchronized (log) {
      return CompletableFuture.completedFuture(states(log, limits, clock.instant()));
    }
  }

  private List<Instant> log(ProviderId provider) {
    return sent.computeIfAbsent(provider, id -> new ArrayList<>());
  }

  /** Each limit counts the calls sent after {@code now - period}; the log is sorted by time. */
  private static List<BudgetState> states(List<Instant> log, List<RateLimit> limits, Instant now) {
    List<BudgetState> states = new ArrayList<>(limits.size());
    for (RateLimit limit : limits) {
      int first = firstAfter(log, now.minus(limit.period()));
      int used = log.size() - first;
      Instant freeing = used == 0 ? null : log.get(first + Math.max(0, used - limit.permits()));
      states.add(BudgetState.counted(limit, used, freeing, now));
    }
    return states;
  }

  /** The index of the first call sent strictly after {@code time}. */
  private static int firstAfter(List<Instant> log, Instant time) {
    int low = 0;
    int high = log.size();
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (log.get(mid).isAfter(time)) {
        high = mid;
      } else {
        low = mid + 1;
      }
    }
    return low;
  }

  /** Forgets the calls that no limit counts any more, so the log stays as long as the longest. */
  private static void prune(List<Instant> log, List<RateLimit> limits, Instant now) {
    Duration longest = Duration.ZERO;
    for (RateLimit limit : limits) {
      longest = limit.period().compareTo(longest) > 0 ? limit.period() : longest;
    }
    log.subList(0, firstAfter(log, now.minus(longest))).clear();
  }
}
