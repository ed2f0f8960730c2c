package dev.marketdata.adapter.provider;

import dev.marketdata.domain.port.ProviderBudgets;
import dev.marketdata.domain.port.ProviderThrottles;
import java.time.Clock;

/**
 * What keeps our calls within the providers' limits: our own budget per provider, and the waits the
 * providers asked for. Both are shared by every replica in a deployment (the PostgreSQL adapter),
 * or remembered by this process only ({@link #inMemory}).
 */
public record OutboundLimits(ProviderThrottles throttles, ProviderBudgets budgets) {
  public OutboundLimits {
    if (throttles == null || budgets == null) {
      throw new IllegalArgumentException("throttles and budgets are required");
    }
  }

  /** Budgets and throttles of this process only, as a single instance or a test needs. */
  public static OutboundLimits inMemory(Clock clock) {
    return new OutboundLimits(new InMemoryProviderThrottles(), new InMemoryProviderBudgets(clock));
  }
}
