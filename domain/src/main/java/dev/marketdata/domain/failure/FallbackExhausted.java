package dev.marketdata.domain.failure;

import java.util.List;
import java.util.Objects;

/**
 * A provider chain ended without a price after more than one provider was asked: each failure in
 * the order tried. The last one decides how the request is answered (a later provider's failure may
 * be one that stops the chain, such as {@link SymbolNotFound}); the earlier ones are why the chain
 * moved on.
 */
public final class FallbackExhausted extends MarketDataException {
  private final List<MarketDataException> failures;

  public FallbackExhausted(List<MarketDataException> failures) {
    super(describe(failures), failures.isEmpty() ? null : failures.get(failures.size() - 1));
    this.failures = List.copyOf(failures);
  }

  private static String describe(List<MarketDataException> failures) {
    Objects.requireNonNull(failures, "failures");
    if (failures.size() < 2) {
      throw new IllegalArgumentException("a fallback needs at least two failures: " + failures);
    }
    StringBuilder out = new StringBuilder("every provider tried failed");
    for (MarketDataException f : failures) {
      out.append("; ").append(f.getMessage());
    }
    return out.toString();
  }

  /** Each provider's failure, in the order the chain asked them. */
  public List<MarketDataException> failures() {
    return failures;
  }

  /** The failure that ended the chain. */
  public MarketDataException last() {
    return failures.get(failures.size() - 1);
  }
}
