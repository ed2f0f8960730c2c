package dev.marketdata.domain.average;

import dev.marketdata.domain.failure.InvalidInput;
import dev.marketdata.domain.model.MovingAverage;
import dev.marketdata.domain.model.PriceEvent;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.Symbol;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A batch of price events folded into the moving-average windows it touches: every (symbol,
 * provider) in the batch at every window size. A store loads the current windows of {@link
 * #keys()}, calls {@link #applyTo}, and writes back only the windows that changed; what the windows
 * become is decided here, the same for every store.
 */
public final class WindowFold {
  private record Series(Symbol symbol, ProviderId provider) {}

  private final Map<Series, List<PriceEvent>> bySeries;
  private final SortedSet<WindowKey> keys;

  private WindowFold(Map<Series, List<PriceEvent>> bySeries, SortedSet<WindowKey> keys) {
    this.bySeries = bySeries;
    this.keys = Collections.unmodifiableSortedSet(keys);
  }

  /**
   * The fold of {@code events} into the windows of every size in {@code sizes}; fails with {@link
   * InvalidInput} naming {@code window} for a size below 1 (an empty batch touches no window, so it
   * cannot fail).
   */
  public static WindowFold of(List<PriceEvent> events, Set<Integer> sizes) {
    // Each series' events in batch order, grouped once: scanning the whole batch for every window
    // made a batch of n events over n symbols cost n * n comparisons.
    Map<Series, List<PriceEvent>> bySeries = new HashMap<>();
    SortedSet<WindowKey> keys = new TreeSet<>();
    for (PriceEvent e : events) {
      List<PriceEvent> series =
          bySeries.computeIfAbsent(new Series(e.symbol(), e.source()), s -> new ArrayList<>());
      if (series.isEmpty()) {
        for (int size : sizes) {
          keys.add(new WindowKey(e.symbol(), e.source(), size));
        }
      }
      series.add(e);
    }
    return new WindowFold(bySeries, keys);
  }

  /** The windows the batch touches, in {@link WindowKey} order; empty for an empty batch. */
  public SortedSet<WindowKey> keys() {
    return keys;
  }

  /**
   * The batch applied to {@code current}, which holds the stored windows of {@link #keys()} (a key
   * it lacks is an empty window; windows of other keys are ignored).
   */
  public Result applyTo(Map<WindowKey, MovingAverageWindow> current) {
    List<Update> updates = new ArrayList<>(keys.size());
    for (WindowKey key : keys) {
      MovingAverageWindow before = current.get(key);
      if (before == null) {
        before = key.emptyWindow();
      } else if (!before.key().equals(key)) {
        throw new InvalidInput("window", before.key(), "was stored under " + key);
      }
      MovingAverageWindow after =
          before.applyAll(bySeries.get(new Series(key.symbol(), key.provider())));
      updates.add(new Update(after, after.average().orElseThrow(), after != before));
    }
    return new Result(updates);
  }

  /**
   * One touched window after the batch.
   *
   * @param changed false when the batch added nothing to it (every event already held, or older
   *     than a full window), so a store need not write it
   */
  public record Update(MovingAverageWindow window, MovingAverage average, boolean changed) {}

  /** Every touched window after the batch, in {@link WindowKey} order. */
  public record Result(List<Update> updates) {
    public Result {
      updates = List.copyOf(updates);
    }

    /** The averages of every touched window, changed or not: what a batch reports. */
    public List<MovingAverage> averages() {
      return updates.stream().map(Update::average).toList();
    }

    /** The windows to write back. */
    public List<Update> changed() {
      return updates.stream().filter(Update::changed).toList();
    }
  }
}
