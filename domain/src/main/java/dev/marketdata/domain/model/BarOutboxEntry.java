package dev.marketdata.domain.model;

import java.time.Instant;

/** A closed bar waiting to be published; {@code id} orders the queue. */
public record BarOutboxEntry(long id, BarEvent event, Instant createdAt) {
  public BarOutboxEntry {
    Required.field("event", event);
    Required.field("createdAt", createdAt);
  }
}
