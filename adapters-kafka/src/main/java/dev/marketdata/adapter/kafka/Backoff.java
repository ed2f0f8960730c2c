package dev.marketdata.adapter.kafka;

import java.time.Duration;

/** Exponential retry delay: {@code initial}, doubled after each further failure, capped at max. */
public record Backoff(Duration initial, Duration max) {
  public Backoff {
    if (initial == null || initial.isNegative() || initial.isZero()) {
      throw new IllegalArgumentException("backoff.initial must be positive, was " + initial);
    }
    if (max == null || max.compareTo(initial) < 0) {
      throw new IllegalArgumentException(
          "backoff.max must be at least backoff.initial, was " + max);
    }
  }

  public static Backoff defaults() {
    return new Backoff(Duration.ofMillis(200), Duration.ofSeconds(10));
  }

  /** The delay before the next attempt after {@code failures} consecutive failures (1 or more). */
  public long delayMillis(int failures) {
    long delay = initial.toMillis();
    for (int i = 1; i < failures && delay < max.toMillis(); i++) {
      delay *= 2;
    }
    return Math.min(delay, max.toMillis());
  }
}
