package dev.marketdata.domain.model;

import java.time.Instant;

/** An event stored with its price, waiting to be published; {@code id} orders the outbox. */
public record OutboxEntry(long id, PriceEvent event, Instant createdAt) {
  public OutboxEntry {
    Required.field("event", event);
    Required.field("createdAt", createdAt);
  }
}
