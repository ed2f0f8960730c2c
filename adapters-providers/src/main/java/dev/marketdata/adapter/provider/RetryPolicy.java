package dev.marketdata.adapter.provider;

import dev.marketdata.domain.failure.InvalidInput;
import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Bounded exponential backoff with jitter for calls that failed with a transient unavailability.
 * {@code maxAttempts} counts the first call, so 1 means "never retry".
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay) {
  public static final RetryPolicy DEFAULT =
      new RetryPolicy(3, Duration.ofMillis(200), Duration.ofSeconds(2));

  public RetryPolicy {
    if (maxAttempts < 1 || maxAttempts > 10) {
      throw new InvalidInput("retryAttempts", maxAttempts, "must be between 1 and 10");
    }
    if (baseDelay == null || baseDelay.isNegative()) {
      throw new InvalidInput("retryBaseDelay", baseDelay, "must be zero or positive");
    }
    if (maxDelay == null || maxDelay.compareTo(baseDelay) < 0) {
      throw new InvalidInput("retryMaxDelay", maxDelay, "must be at least the base delay");
    }
  }

  /** Whether another attempt may follow attempt number {@code attempt} (1-based). */
  public boolean allowsAnotherAfter(int attempt) {
    return attempt < maxAttempts;
  }

  /**
   * The pause before the attempt that follows attempt number {@code attempt}: base × 2^(attempt-1),
   * capped at the maximum, then "equal jitter" (between half and all of it) so that callers that
   * failed together do not come back together.
   */
  public Duration delayAfter(int attempt, DoubleSupplier unitRandom) {
    long base = baseDelay.toMillis();
    long exponential = base << Math.min(attempt - 1, 20);
    long capped = Math.min(exponential, maxDelay.toMillis());
    long half = capped / 2;
    return Duration.ofMillis(half + Math.round((capped - half) * unitRandom.getAsDouble()));
  }
}
