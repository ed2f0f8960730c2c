package dev.marketdata.domain.model;

import java.time.Instant;
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

  /**
   * A provider that throttled us: unusable until {@code until}, and every limit of its budget shown
   * as spent until then at least.
   */
  public static ProviderStatus throttled(
      ProviderId id, Instant until, List<RateLimit> limits, List<BudgetState> budget) {
    List<BudgetState> held =
        budget.stream()
            .map(
                b ->
                    new BudgetState(
                        b.limit(), 0, b.resetsAt().isAfter(until) ? b.resetsAt() : until))
            .toList();
    return new ProviderStatus(
        id, false, Optional.of("throttled by the provider until " + until), limits, held);
  }

  public static ProviderStatus unavailable(ProviderId id, String why, List<RateLimit> limits) {
    return new ProviderStatus(id, false, Optional.of(why), limits, List.of());
  }
}
