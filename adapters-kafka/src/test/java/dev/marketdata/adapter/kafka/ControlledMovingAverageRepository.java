package dev.marketdata.adapter.kafka;

import dev.marketdata.application.fake.InMemoryMovingAverages;
import dev.marketdata.domain.model.MovingAverage;
import dev.marketdata.domain.model.PriceEvent;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.Symbol;
import dev.marketdata.domain.port.MovingAverageRepository;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The shared {@link InMemoryMovingAverages} fake, which the consumer tests can tell to fail its
 * next calls, and which remembers which events it was handed. The fold itself is the fake's (the
 * domain's {@code WindowFold}); this class only fails and counts.
 */
final class ControlledMovingAverageRepository implements MovingAverageRepository {
  private final InMemoryMovingAverages averages = new InMemoryMovingAverages();
  private final Set<UUID> seen = new HashSet<>();
  private int eventsHanded;
  private int failuresToInject;
  private int holdAt = Integer.MAX_VALUE;

  synchronized void failNextCalls(int count) {
    failuresToInject = count;
  }

  /** Fails every batch once {@code count} distinct events are applied, until {@link #release}. */
  synchronized void holdAfter(int count) {
    holdAt = count;
  }

  synchronized void release() {
    holdAt = Integer.MAX_VALUE;
  }

  @Override
  public synchronized CompletionStage<List<MovingAverage>> apply(
      List<PriceEvent> events, Set<Integer> windowSizes) {
    if (failuresToInject > 0) {
      failuresToInject--;
      return CompletableFuture.failedFuture(new IllegalStateException("injected database failure"));
    }
    if (seen.size() >= holdAt) {
      return CompletableFuture.failedFuture(new IllegalStateException("database held by the test"));
    }
    return averages
        .apply(events, windowSizes)
        .thenApply(
            touched -> {
              handed(events);
              return touched;
            });
  }

  private synchronized void handed(List<PriceEvent> events) {
    eventsHanded += events.size();
    events.forEach(e -> seen.add(e.rawResponseId()));
  }

  @Override
  public CompletionStage<Optional<MovingAverage>> find(
      Symbol symbol, ProviderId provider, int windowSize) {
    return averages.find(symbol, provider, windowSize);
  }

  /** Distinct events applied so far. */
  synchronized int distinctEventsApplied() {
    return seen.size();
  }

  /** Events handed over in successful batches, duplicates included. */
  synchronized int eventsHanded() {
    return eventsHanded;
  }

  /** Every stored average, keyed "SYMBOL/provider/size". */
  Map<String, MovingAverage> snapshot() {
    Map<String, MovingAverage> out = new TreeMap<>();
    averages
        .averages()
        .forEach((k, a) -> out.put(k.symbol() + "/" + k.provider() + "/" + k.size(), a));
    return out;
  }
}
