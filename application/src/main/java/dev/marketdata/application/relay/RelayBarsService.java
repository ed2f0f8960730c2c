package dev.marketdata.application.relay;

import dev.marketdata.domain.model.BarOutboxEntry;
import dev.marketdata.domain.port.BarEventPublisher;
import dev.marketdata.domain.port.BarOutbox;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.concurrent.CompletionStage;

/**
 * The bar relay, as {@link RelayOutboxService} for price events: the leader of {@code bar_outbox}
 * publishes the final rows above its position and then moves the position; a bar may be published
 * twice after a leader died mid-batch, never lost.
 */
public final class RelayBarsService implements RelayBarsUseCase {
  private final PositionRelay<BarOutboxEntry> relay;

  @Inject
  public RelayBarsService(
      BarOutbox outbox,
      BarEventPublisher publisher,
      Clock clock,
      RelayOutboxSettings settings,
      RelayListener listener) {
    this.relay =
        new PositionRelay<>(
            "bar_outbox",
            outbox,
            BarOutboxEntry::id,
            entries -> publisher.publish(entries.stream().map(BarOutboxEntry::event).toList()),
            clock,
            settings,
            listener);
  }

  /** Unheard (tests). */
  public RelayBarsService(
      BarOutbox outbox, BarEventPublisher publisher, Clock clock, RelayOutboxSettings settings) {
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
