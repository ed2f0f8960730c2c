package dev.marketdata.domain.model;

import java.time.Instant;

/**
 * A changed average stored with it, waiting to be published; {@code id} orders the queue, {@code
 * trace} is the trace of the price that changed it ({@link TraceContext#NONE} when untraced).
 */
public record AverageOutboxEntry(
    long id, AverageEvent event, Instant createdAt, TraceContext trace) {
  public AverageOutboxEntry {
    Required.field("event", event);
    Required.field("createdAt", createdAt);
    Required.field("trace", trace);
  }

  /** An untraced entry. */
  public AverageOutboxEntry(long id, AverageEvent event, Instant createdAt) {
    this(id, event, createdAt, TraceContext.NONE);
  }
}
