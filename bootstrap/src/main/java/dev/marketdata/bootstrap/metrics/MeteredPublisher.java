package dev.marketdata.bootstrap.metrics;

import dev.marketdata.domain.model.OutboxEntry;
import dev.marketdata.domain.model.PriceEvent;
import dev.marketdata.domain.port.PriceEventPublisher;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** Counts events the broker acknowledged ({@code mds_events_published_total}). */
public final class MeteredPublisher implements PriceEventPublisher {
  private final PriceEventPublisher delegate;
  private final Counter published;

  public MeteredPublisher(PriceEventPublisher delegate, MeterRegistry registry) {
    this.delegate = delegate;
    this.published =
        Counter.builder("mds.events.published")
            .description("Price events acknowledged by Kafka")
            .register(registry);
  }

  @Override
  public CompletionStage<Void> publish(List<PriceEvent> events) {
    return delegate.publish(events).thenRun(() -> published.increment(events.size()));
  }

  @Override
  public CompletionStage<Void> publishStored(List<OutboxEntry> entries) {
    return delegate.publishStored(entries).thenRun(() -> published.increment(entries.size()));
  }
}
