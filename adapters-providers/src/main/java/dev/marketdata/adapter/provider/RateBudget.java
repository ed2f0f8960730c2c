package dev.marketdata.adapter.provider;

import dev.marketdata.domain.failure.ProviderThrottled;
import dev.marketdata.domain.model.BudgetState;
import dev.marketdata.domain.model.RateLimit;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Our own outbound budget for one provider: a sliding-window log per rate limit, so a call is sent
 * only when every limit still has room. Thread-safe; time comes from the injected clock.
 */
public final class RateBudget {
  private final String provider;
  private final Clock clock;
  private final List<RateLimit> limits;
  private final List<Deque<Instant>> sent;

  public RateBudget(String provider, List<RateLimit> limits, Clock clock) {
    this.provider = provider;
    this.clock = clock;
    this.limits = List.copyOf(limits);
    this.sent = new ArrayList<>();
    for (int i = 0; i < this.limits.size(); i++) {
      sent.add(new ArrayDeque<>());
    }
  }

  public List<RateLimit> limits() {
    return limits;
  }

  /**
   * Takes one permit from every limit, or fails with {@link ProviderThrottled} (local budget) and
   * takes nothing when any limit is used up; the retry-after is when the last of them frees up.
   */
  public synchronized void acquire() {
    Instant now = clock.instant();
    Duration wait = waitAt(now);
    if (wait.compareTo(Duration.ZERO) > 0) {
      throw new ProviderThrottled(provider, roundUpToSeconds(wait), true, "local budget exhausted");
    }
    for (Deque<Instant> log : sent) {
      log.addLast(now);
    }
  }

  /** How long until a call would be allowed; zero when one would be now. */
  public synchronized Duration waitTime() {
    return waitAt(clock.instant());
  }

  public synchronized List<BudgetState> states() {
    Instant now = clock.instant();
    List<BudgetState> states = new ArrayList<>(limits.size());
    for (int i = 0; i < limits.size(); i++) {
      RateLimit limit = limits.get(i);
      Deque<Instant> log = prune(i, now);
      Instant resetsAt = log.isEmpty() ? now : log.peekFirst().plus(limit.period());
      states.add(new BudgetState(limit, limit.permits() - log.size(), resetsAt));
    }
    return states;
  }

  private Duration waitAt(Instant now) {
    Duration wait = Duration.ZERO;
    for (int i = 0; i < limits.size(); i++) {
      RateLimit limit = limits.get(i);
      Deque<Instant> log = prune(i, now);
      if (log.size() >= limit.permits()) {
        Duration untilFree = Duration.between(now, log.peekFirst().plus(limit.period()));
        wait = untilFree.compareTo(wait) > 0 ? untilFree : wait;
      }
    }
    return wait;
  }

  private Deque<Instant> prune(int index, Instant now) {
    Deque<Instant> log = sent.get(index);
    Instant windowStart = now.minus(limits.get(index).period());
    while (!log.isEmpty() && !log.peekFirst().isAfter(windowStart)) {
      log.removeFirst();
    }
    return log;
  }

  private static Duration roundUpToSeconds(Duration wait) {
    long seconds = wait.getSeconds() + (wait.getNano() > 0 ? 1 : 0);
    return Duration.ofSeconds(Math.max(1, seconds));
  }
}
