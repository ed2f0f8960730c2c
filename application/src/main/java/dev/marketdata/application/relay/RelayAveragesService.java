package dev.marketdata.application.relay;

import dev.marketdata.domain.model.AverageOutboxEntry;
import dev.marketdata.domain.port.AverageEventPublisher;
import dev.marketdata.domain.port.AverageOutbox;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.concurrent.CompletionStage;

/**
 * The average relay, as {@link RelayOutboxService} for price events: the leader of {@code
 * average_outbox} publishes the final rows above its position and then moves the position; an
 * average may be published twice after a leader died mid-batch, never lost.
 */
public final class RelayAveragesService implements RelayAveragesUseCase {
  private final PositionRelay<AverageOutboxEntry> relay;

  @Inject
  public RelayAveragesService(
      AverageOutbox outbox,
      AverageEventPublisher publisher,
      Clock clock,
      RelayOutboxSettings settings,
      RelayListener listener) {
    // The entries themselves, so the publisher can send each one's trace context.
    this.relay =
        new PositionRelay<>(
            "average_outbox",
            outbox,
            AverageOutboxEntry::id,
            publisher::publishStored,
            clock,
            settings,
            listener);
  }

  /** Unheard (tests). */
  public RelayAveragesService(
      AverageOutbox outbox,
      AverageEventPublisher publisher,
      Clock clock,
      RelayOutboxSettings settings) {
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
