package dev.marketdata.domain.model;

import java.time.Instant;

/**
 * An event stored with its price, waiting to be published; {@code id} orders the outbox, {@code
 * trace} is the trace its quote was fetched under ({@link TraceContext#NONE} when untraced).
 */
public record OutboxEntry(long id, PriceEvent event, Instant createdAt, TraceContext trace) {
  public OutboxEntry {
    Required.field("event", event);
    Required.field("createdAt", createdAt);
    Required.field("trace", trace);
  }

  /** An untraced entry. */
  public OutboxEntry(long id, PriceEvent event, Instant createdAt) {
    this(id, event, createdAt, TraceContext.NONE);
  }
}
