package dev.marketdata.application.relay;

import dev.marketdata.domain.model.OutboxEntry;
import dev.marketdata.domain.port.Outbox;
import dev.marketdata.domain.port.PriceEventPublisher;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.concurrent.CompletionStage;

/**
 * The price-event relay (ADR 0016): one relay at a time leads the outbox by its lease, publishes
 * the rows above the position that are final, and moves the position only after the broker
 * acknowledged them. A leader that dies mid-batch stalls the outbox until its lease ends; the next
 * leader then publishes that batch again, so an event may go out twice but is never lost.
 */
public final class RelayOutboxService implements RelayOutboxUseCase {
  private final PositionRelay<OutboxEntry> relay;

  @Inject
  public RelayOutboxService(
      Outbox outbox,
      PriceEventPublisher publisher,
      Clock clock,
      RelayOutboxSettings settings,
      RelayListener listener) {
    // The entries themselves, so the publisher can send each one's trace context.
    this.relay =
        new PositionRelay<>(
            "outbox", outbox, OutboxEntry::id, publisher::publishStored, clock, settings, listener);
  }

  /** Unheard (tests). */
  public RelayOutboxService(
      Outbox outbox, PriceEventPublisher publisher, Clock clock, RelayOutboxSettings settings) {
    this(outbox, publisher, clock, settings, RelayListener.NONE);
  }

  @Override
  public CompletionStage<RelayStep> relayBatch() {
    return relay.step();
  }

  @Override
  public CompletionStage<Void> resign() {
    return relay.resign();
  }
}
