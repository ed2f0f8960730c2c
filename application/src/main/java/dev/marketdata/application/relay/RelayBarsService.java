package dev.marketdata.application.relay;

import dev.marketdata.domain.model.BarOutboxEntry;
import dev.marketdata.domain.port.BarEventPublisher;
import dev.marketdata.domain.port.BarOutbox;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.concurrent.CompletionStage;

/**
 * The bar relay's one step, as {@link RelayOutboxService}'s for price events: claim a batch of
 * closed bars, publish it, and mark it published only once the broker acknowledged it; a failed
 * publish releases the claim. A relay dying mid-batch holds its rows until the lease ends, so a bar
 * may be published twice but is never lost.
 */
public final class RelayBarsService implements RelayBarsUseCase {
  private final BarOutbox outbox;
  private final BarEventPublisher publisher;
  private final Clock clock;
  private final RelayOutboxSettings settings;

  @Inject
  public RelayBarsService(
      BarOutbox outbox, BarEventPublisher publisher, Clock clock, RelayOutboxSettings settings) {
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
                    BarOutboxEntry::event,
                    BarOutboxEntry::id,
                    publisher::publish,
                    ids -> outbox.markPublished(owner, ids, clock.instant()),
                    ids -> outbox.release(owner, ids)));
  }
}
