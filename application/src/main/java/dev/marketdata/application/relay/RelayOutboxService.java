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
                  .handle(
                      (done, failure) ->
                          failure == null
                              ? outbox
                                  .markPublished(owner, ids, clock.instant())
                                  .thenApply(marked -> entries.size())
                              : releaseThenFail(owner, ids, failure))
                  .thenCompose(next -> next);
            });
  }

  /**
   * Gives the rows back at once rather than at the lease's end; if even that fails, the lease still
   * frees them. Either way the step fails with the publisher's failure.
   */
  private CompletionStage<Integer> releaseThenFail(
      String owner, List<Long> ids, Throwable failure) {
    return outbox
        .release(owner, ids)
        .handle((released, releaseFailure) -> null)
        .thenCompose(ignored -> CompletableFuture.<Integer>failedFuture(failure));
  }
}
