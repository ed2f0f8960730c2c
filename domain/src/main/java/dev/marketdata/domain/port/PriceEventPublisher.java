package dev.marketdata.domain.port;

import dev.marketdata.domain.model.OutboxEntry;
import dev.marketdata.domain.model.PriceEvent;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Publishes price events; completes only when the broker acknowledged every one of them, and fails
 * otherwise (some may have been delivered: delivery is at-least-once).
 */
public interface PriceEventPublisher {
  CompletionStage<Void> publish(List<PriceEvent> events);

  /**
   * Publishes stored outbox entries' events as {@link #publish} does, each with the trace context
   * it was stored with where the transport can carry one; by default without it.
   */
  default CompletionStage<Void> publishStored(List<OutboxEntry> entries) {
    return publish(entries.stream().map(OutboxEntry::event).toList());
  }
}
