package dev.marketdata.domain.model;

import java.util.UUID;

/**
 * A completed bar as published (ADR 0013): {@code eventId} names this bar's close, so a reader that
 * sees it twice (at-least-once delivery) can tell.
 */
public record BarEvent(UUID eventId, Bar bar) {
  public BarEvent {
    Required.field("eventId", eventId);
    Required.field("bar", bar);
  }
}
