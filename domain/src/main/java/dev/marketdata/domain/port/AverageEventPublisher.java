package dev.marketdata.domain.port;

import dev.marketdata.domain.model.AverageEvent;
import dev.marketdata.domain.model.AverageOutboxEntry;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** Publishes changed moving averages; completes only once every one was acknowledged. */
public interface AverageEventPublisher {
  CompletionStage<Void> publish(List<AverageEvent> events);

  /**
   * Publishes stored entries' events as {@link #publish} does, each with the trace context it was
   * stored with where the transport can carry one; by default without it.
   */
  default CompletionStage<Void> publishStored(List<AverageOutboxEntry> entries) {
    return publish(entries.stream().map(AverageOutboxEntry::event).toList());
  }
}
