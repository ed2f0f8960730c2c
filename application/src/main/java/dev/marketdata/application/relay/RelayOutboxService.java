package dev.marketdata.application.relay;

import dev.marketdata.domain.model.OutboxEntry;
import dev.marketdata.domain.model.PriceEvent;
import dev.marketdata.domain.port.Outbox;
import dev.marketdata.domain.port.PriceEventPublisher;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The outbox relay's one step: read a batch, publish it, and only after the broker acknowledged it
 * mark it published. A failure leaves the rows waiting, so they go out on a later step.
 */
public final class RelayOutboxService implements RelayOutboxUseCase {
  private final Outbox outbox;
  private final PriceEventPublisher publisher;
  private final Clock clock;
  private final int batchSize;

  @Inject
  public RelayOutboxService(
      Outbox outbox, PriceEventPublisher publisher, Clock clock, RelayOutboxSettings settings) {
    this.outbox = outbox;
    this.publisher = publisher;
    this.clock = clock;
    this.batchSize = settings.batchSize();
  }

  @Override
  public CompletionStage<Integer> relayBatch() {
    return outbox
        .unpublished(batchSize)
        .thenCompose(
            entries -> {
              if (entries.isEmpty()) {
                return CompletableFuture.completedFuture(0);
              }
              List<PriceEvent> events = new ArrayList<>(entries.size());
              List<Long> ids = new ArrayList<>(entries.size());
              for (OutboxEntry entry : entries) {
                events.add(entry.event());
                ids.add(entry.id());
              }
              return publisher
                  .publish(events)
                  .thenCompose(done -> outbox.markPublished(ids, clock.instant()))
                  .thenApply(done -> entries.size());
            });
  }
}
