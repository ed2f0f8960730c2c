package dev.marketdata.application.relay;

import dev.marketdata.domain.model.AverageOutboxEntry;
import dev.marketdata.domain.port.AverageEventPublisher;
import dev.marketdata.domain.port.AverageOutbox;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.concurrent.CompletionStage;

/**
 * The average relay's one step, as {@link RelayOutboxService}'s for price events: claim a batch of
 * changed averages, publish it, and mark it published only once the broker acknowledged it; a
 * failed publish releases the claim. A relay dying mid-batch holds its rows until the lease ends,
 * so an average may be published twice but is never lost.
 */
public final class RelayAveragesService implements RelayAveragesUseCase {
  private final AverageOutbox outbox;
  private final AverageEventPublisher publisher;
  private final Clock clock;
  private final RelayOutboxSettings settings;

  @Inject
  public RelayAveragesService(
      AverageOutbox outbox,
      AverageEventPublisher publisher,
      Clock clock,
      RelayOutboxSettings settings) {
    this.outbox = outbox;
    this.publisher = publisher;
    this.clock = clock;
    this.settings = settings;
  }

  @Override
  public CompletionStage<Integer> relayBatch() {
    String owner = settings.owner();
    return outbox
        .claim(owner, settings.batchSize(), settings.lease())
        .thenCompose(
            entries ->
                PublishThenMark.relay(
                    entries,
                    // The entries themselves, so the publisher can send each one's trace context.
                    entry -> entry,
                    AverageOutboxEntry::id,
                    publisher::publishStored,
                    ids -> outbox.markPublished(owner, ids, clock.instant()),
                    ids -> outbox.release(owner, ids)));
  }
}
