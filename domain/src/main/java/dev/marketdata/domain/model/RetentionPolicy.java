package dev.marketdata.domain.model;

import dev.marketdata.domain.failure.InvalidInput;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How long stored data is kept: raw responses by when they were fetched, price points by their
 * quote time, and published outbox rows by when they were written (unpublished rows are always
 * kept). An empty duration keeps that data forever.
 */
public record RetentionPolicy(
    Optional<Duration> rawResponses,
    Optional<Duration> pricePoints,
    Optional<Duration> publishedEvents) {
  public static final RetentionPolicy KEEP_FOREVER =
      new RetentionPolicy(Optional.empty(), Optional.empty(), Optional.empty());

  public RetentionPolicy {
    rawResponses = positive("rawResponses", rawResponses);
    pricePoints = positive("pricePoints", pricePoints);
    publishedEvents = positive("publishedEvents", publishedEvents);
  }

  /** Raw responses fetched before this instant are no longer kept at {@code now}. */
  public Optional<Instant> rawResponsesBefore(Instant now) {
    return rawResponses.map(now::minus);
  }

  /** Price points quoted before this instant are no longer kept at {@code now}. */
  public Optional<Instant> pricePointsBefore(Instant now) {
    return pricePoints.map(now::minus);
  }

  /** Published outbox rows written before this instant are no longer kept at {@code now}. */
  public Optional<Instant> publishedEventsBefore(Instant now) {
    return publishedEvents.map(now::minus);
  }

  private static Optional<Duration> positive(String field, Optional<Duration> retention) {
    Required.field(field, retention);
    if (retention.isPresent() && (retention.get().isNegative() || retention.get().isZero())) {
      throw new InvalidInput(field, retention.get(), "must be positive, or empty to keep forever");
    }
    return retention;
  }
}
