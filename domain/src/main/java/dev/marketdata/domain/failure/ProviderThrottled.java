package dev.marketdata.domain.failure;

import java.time.Duration;
import java.util.Objects;

/**
 * The provider refused the call for rate reasons, or our own outbound budget would have been
 * exceeded; retry after the given delay.
 */
public final class ProviderThrottled extends MarketDataException {
  private final String provider;
  private final Duration retryAfter;
  private final boolean localBudget;

  public ProviderThrottled(
      String provider, Duration retryAfter, boolean localBudget, String detail) {
    super(
        "provider "
            + provider
            + " throttled (retry after "
            + retryAfter.toSeconds()
            + " s)"
            + (detail == null || detail.isBlank() ? "" : ": " + detail),
        null);
    this.provider = Objects.requireNonNull(provider, "provider");
    this.retryAfter = retryAfter.isNegative() ? Duration.ZERO : retryAfter;
    this.localBudget = localBudget;
  }

  /**
   * Our own budget refused a call before anything was sent: retry after {@code wait}, rounded up to
   * whole seconds (as Retry-After speaks, and at least one) so a caller that waits it finds room.
   */
  public static ProviderThrottled budgetSpent(String provider, Duration wait, String detail) {
    long seconds = wait.getSeconds() + (wait.getNano() > 0 ? 1 : 0);
    return new ProviderThrottled(provider, Duration.ofSeconds(Math.max(1, seconds)), true, detail);
  }

  public String provider() {
    return provider;
  }

  public Duration retryAfter() {
    return retryAfter;
  }

  /** True when our own budget refused the call before anything was sent. */
  public boolean localBudget() {
    return localBudget;
  }
}
