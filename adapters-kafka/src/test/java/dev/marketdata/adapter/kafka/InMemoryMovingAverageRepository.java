package dev.marketdata.adapter.kafka;

import dev.marketdata.domain.average.MovingAverageWindow;
import dev.marketdata.domain.model.MovingAverage;
import dev.marketdata.domain.model.PriceEvent;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.Symbol;
import dev.marketdata.domain.port.MovingAverageRepository;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A test repository keeping {@link MovingAverageWindow}s in memory, applying each batch all or
 * nothing; it can be told to fail its next calls, and remembers which events it was handed.
 */
final class InMemoryMovingAverageRepository implements MovingAverageRepository {
  private record Key(Symbol symbol, ProviderId provider, int size) {}

  private final Map<Key, MovingAverageWindow> windows = new HashMap<>();
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
    Map<Key, MovingAverageWindow> changed = new LinkedHashMap<>();
    for (PriceEvent event : events) {
      for (int size : windowSizes) {
        Key key = new Key(event.symbol(), event.source(), size);
        MovingAverageWindow current =
            changed.getOrDefault(
                key,
                windows.getOrDefault(
                    key, MovingAverageWindow.empty(event.symbol(), event.source(), size)));
        changed.put(key, current.apply(event));
      }
    }
    windows.putAll(changed);
    eventsHanded += events.size();
    events.forEach(e -> seen.add(e.rawResponseId()));
    List<MovingAverage> touched = new ArrayList<>();
    changed.values().forEach(w -> w.average().ifPresent(touched::add));
    return CompletableFuture.completedFuture(touched);
  }

  @Override
  public synchronized CompletionStage<Optional<MovingAverage>> find(
      Symbol symbol, ProviderId provider, int windowSize) {
    MovingAverageWindow window = windows.get(new Key(symbol, provider, windowSize));
    return CompletableFuture.completedFuture(window == null ? Optional.empty() : window.average());
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
  synchronized Map<String, MovingAverage> snapshot() {
    Map<String, MovingAverage> out = new java.util.TreeMap<>();
    windows.forEach(
        (k, w) ->
            w.average()
                .ifPresent(a -> out.put(k.symbol() + "/" + k.provider() + "/" + k.size(), a)));
    return out;
  }
}
