package dev.marketdata.domain.model;

import java.time.Instant;

/** A changed average stored with it, waiting to be published; {@code id} orders the queue. */
public record AverageOutboxEntry(long id, AverageEvent event, Instant createdAt) {
  public AverageOutboxEntry {
    Required.field("event", event);
    Required.field("createdAt", createdAt);
  }
}
