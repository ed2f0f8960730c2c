package dev.marketdata.domain.model;

import java.util.UUID;

/**
 * A changed moving average as published: {@code eventId} names this change, so a reader that sees
 * it twice (at-least-once delivery) can tell.
 */
public record AverageEvent(UUID eventId, MovingAverage average) {
  public AverageEvent {
    Required.field("eventId", eventId);
    Required.field("average", average);
  }
}
