package dev.marketdata.domain.model;

import java.util.List;
import java.util.Optional;

/**
 * What the service can say about one provider: whether it is usable, why not when it is not, and
 * its outbound budget.
 */
public record ProviderStatus(
    ProviderId id,
    boolean available,
    Optional<String> unavailableReason,
    List<RateLimit> limits,
    List<BudgetState> budget) {
  public ProviderStatus {
    Required.field("id", id);
    unavailableReason = unavailableReason == null ? Optional.empty() : unavailableReason;
    limits = List.copyOf(limits);
    budget = List.copyOf(budget);
  }

  public static ProviderStatus available(
      ProviderId id, List<RateLimit> limits, List<BudgetState> budget) {
    return new ProviderStatus(id, true, Optional.empty(), limits, budget);
  }

  public static ProviderStatus unavailable(ProviderId id, String why, List<RateLimit> limits) {
    return new ProviderStatus(id, false, Optional.of(why), limits, List.of());
  }
}
