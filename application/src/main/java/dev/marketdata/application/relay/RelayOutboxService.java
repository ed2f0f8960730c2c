package dev.marketdata.application.relay;

import dev.marketdata.domain.model.OutboxEntry;
import dev.marketdata.domain.port.Outbox;
import dev.marketdata.domain.port.PriceEventPublisher;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.concurrent.CompletionStage;

/**
 * The outbox relay's one step: claim a batch, publish it, and only after the broker acknowledged it
 * mark it published. A failed publish releases the claim, so the rows go out on a later step of
 * this relay or another. Any number of relays may run: each claims rows no other relay holds, so in
 * steady state every row is published once; a relay that dies mid-batch holds its rows only until
 * its lease ends, and only that batch may then be published twice.
 */
public final class RelayOutboxService implements RelayOutboxUseCase {
  private final Outbox outbox;
  private final PriceEventPublisher publisher;
  private final Clock clock;
  private final RelayOutboxSettings settings;

  @Inject
  public RelayOutboxService(
      Outbox outbox, PriceEventPublisher publisher, Clock clock, RelayOutboxSettings settings) {
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
                    OutboxEntry::id,
                    publisher::publishStored,
                    ids -> outbox.markPublished(owner, ids, clock.instant()),
                    ids -> outbox.release(owner, ids)));
  }
}
