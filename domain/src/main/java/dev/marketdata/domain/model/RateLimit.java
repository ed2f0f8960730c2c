package dev.marketdata.domain.model;

import dev.marketdata.domain.failure.InvalidInput;
import java.time.Duration;

/** At most {@code permits} calls per {@code period}: one line of a provider's usage terms. */
public record RateLimit(int permits, Duration period) {
  public RateLimit {
    if (permits < 1) {
      throw new InvalidInput("permits", permits, "must be at least 1");
    }
    Required.field("period", period);
    if (period.isZero() || period.isNegative()) {
      throw new InvalidInput("period", period, "must be positive");
    }
  }

  public static RateLimit perSecond(int permits) {
    return new RateLimit(permits, Duration.ofSeconds(1));
  }

  public static RateLimit perMinute(int permits) {
    return new RateLimit(permits, Duration.ofMinutes(1));
  }

  public static RateLimit perDay(int permits) {
    return new RateLimit(permits, Duration.ofDays(1));
  }
}
