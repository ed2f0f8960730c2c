package dev.marketdata.domain.model;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** How much of one rate limit is left right now, and when it refills. */
public record BudgetState(RateLimit limit, int remaining, Instant resetsAt) {
  public BudgetState {
    Required.field("limit", limit);
    Required.field("resetsAt", resetsAt);
  }

  /**
   * The state of {@code limit} at {@code now} when {@code used} calls lie in its window, {@code
   * freeing} being the one whose leaving the window gives a permit back (the oldest counted while
   * permits are left; when more than the limit were counted, the one after which fewer remain), or
   * null when none was counted.
   */
  public static BudgetState counted(RateLimit limit, int used, Instant freeing, Instant now) {
    Required.field("limit", limit);
    Required.field("now", now);
    int remaining = Math.max(0, limit.permits() - used);
    return new BudgetState(limit, remaining, freeing == null ? now : freeing.plus(limit.period()));
  }

  /** How long from {@code now} until every one of {@code states} has a permit; zero if it has. */
  public static Duration untilRoom(List<BudgetState> states, Instant now) {
    Duration wait = Duration.ZERO;
    for (BudgetState state : states) {
      if (state.remaining() <= 0) {
        Duration untilFree = Duration.between(now, state.resetsAt());
        wait = untilFree.compareTo(wait) > 0 ? untilFree : wait;
      }
    }
    return wait;
  }
}
