package dev.marketdata.testsupport;

import dev.marketdata.domain.model.PriceEvent;
import dev.marketdata.domain.port.PriceEventPublisher;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts failed publishes, so a test can wait until the relay really met the failure it caused. */
public final class CountingPublisher implements PriceEventPublisher {
  private final PriceEventPublisher delegate;
  public final AtomicInteger failures = new AtomicInteger();

  public CountingPublisher(PriceEventPublisher delegate) {
    this.delegate = delegate;
  }

  @Override
  public CompletionStage<Void> publish(List<PriceEvent> events) {
    return delegate
        .publish(events)
        .whenComplete(
            (ok, failure) -> {
              if (failure != null) {
                failures.incrementAndGet();
              }
            });
  }
}
