package dev.marketdata.domain.model;

import java.time.Instant;

/** How much of one rate limit is left right now, and when it refills. */
public record BudgetState(RateLimit limit, int remaining, Instant resetsAt) {
  public BudgetState {
    Required.field("limit", limit);
    Required.field("resetsAt", resetsAt);
  }
}
