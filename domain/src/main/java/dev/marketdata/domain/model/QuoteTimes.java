package dev.marketdata.domain.model;

import dev.marketdata.domain.failure.InvalidInput;
import java.time.Duration;
import java.time.Instant;

/**
 * Which quote times are believable: from the Unix epoch up to the time the quote was received plus
 * a small allowance for clocks that run ahead. A quote time in the future would otherwise pin the
 * latest price, the cache and the moving-average window to it for good.
 *
 * @param maxFutureSkew how far past the time received a quote time may lie
 */
public record QuoteTimes(Duration maxFutureSkew) {
  public static final Instant EARLIEST = Instant.EPOCH;
  public static final Duration DEFAULT_MAX_FUTURE_SKEW = Duration.ofMinutes(5);
  public static final Duration MAX_FUTURE_SKEW_LIMIT = Duration.ofDays(1);
  public static final QuoteTimes DEFAULT = new QuoteTimes(DEFAULT_MAX_FUTURE_SKEW);

  public QuoteTimes {
    Required.field("maxFutureSkew", maxFutureSkew);
    if (maxFutureSkew.isNegative() || maxFutureSkew.compareTo(MAX_FUTURE_SKEW_LIMIT) > 0) {
      throw new InvalidInput(
          "maxFutureSkew", maxFutureSkew, "must be between 0 and " + MAX_FUTURE_SKEW_LIMIT);
    }
  }

  /** Returns {@code quoteTime} when it is believable for a quote received at {@code receivedAt}. */
  public Instant check(String field, Instant quoteTime, Instant receivedAt) {
    return check(field, quoteTime, receivedAt, maxFutureSkew);
  }

  /**
   * Returns {@code quoteTime} when it lies in [1970-01-01T00:00:00Z, receivedAt + maxSkew], or
   * fails with an {@link InvalidInput} naming {@code field}.
   */
  public static Instant check(
      String field, Instant quoteTime, Instant receivedAt, Duration maxSkew) {
    Required.field(field, quoteTime);
    Required.field("receivedAt", receivedAt);
    if (quoteTime.isBefore(EARLIEST)) {
      throw new InvalidInput(field, quoteTime, "must not be before " + EARLIEST);
    }
    Instant latest = receivedAt.plus(maxSkew);
    if (quoteTime.isAfter(latest)) {
      throw new InvalidInput(
          field,
          quoteTime,
          "must not be later than "
              + latest
              + " (received at "
              + receivedAt
              + " plus "
              + maxSkew.toSeconds()
              + " s)");
    }
    return quoteTime;
  }
}
