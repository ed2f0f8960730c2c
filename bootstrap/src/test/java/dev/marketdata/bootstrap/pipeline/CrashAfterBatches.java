package dev.marketdata.bootstrap.pipeline;

import dev.marketdata.application.average.ApplyPriceEventsUseCase;
import dev.marketdata.domain.model.MovingAverage;
import dev.marketdata.domain.model.PriceEvent;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real use case, until the process "dies": after {@code healthyBatches} batches it applies one
 * more to the database and then holds it, as a consumer killed between the database commit and the
 * offset commit would leave it. Released, that batch fails, so its offsets are never committed.
 */
final class CrashAfterBatches implements ApplyPriceEventsUseCase {
  private final ApplyPriceEventsUseCase delegate;
  private final int healthyBatches;
  private final AtomicInteger batches = new AtomicInteger();
  private final CompletableFuture<Void> release = new CompletableFuture<>();

  /** Completes once the last batch is in the database and waits for {@link #crash()}. */
  final CompletableFuture<Integer> holding = new CompletableFuture<>();

  CrashAfterBatches(ApplyPriceEventsUseCase delegate, int healthyBatches) {
    this.delegate = delegate;
    this.healthyBatches = healthyBatches;
  }

  @Override
  public CompletionStage<List<MovingAverage>> apply(List<PriceEvent> events) {
    int batch = batches.incrementAndGet();
    if (batch <= healthyBatches) {
      return delegate.apply(events);
    }
    if (batch > healthyBatches + 1) {
      return CompletableFuture.failedFuture(new IllegalStateException("the consumer has crashed"));
    }
    return delegate
        .apply(events)
        .thenCompose(
            applied -> {
              holding.complete(events.size());
              return release.thenCompose(
                  v ->
                      CompletableFuture.<List<MovingAverage>>failedFuture(
                          new IllegalStateException(
                              "simulated crash after the database commit, before the offset"
                                  + " commit")));
            });
  }

  void crash() {
    release.complete(null);
  }
}
