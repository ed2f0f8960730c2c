package dev.marketdata.adapter.persistence;

import dev.marketdata.domain.average.MovingAverageWindow;
import dev.marketdata.domain.average.WindowKey;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The windows a consumer last read or wrote, each with the {@code xmin} of the {@code
 * symbol_averages} row it matches, so that a batch reads a stored window only when the row changed
 * since (another consumer, a replica or a failed commit wrote it). The row version is PostgreSQL's:
 * every insert or update of a row gives it the writing transaction's xid as {@code xmin}, so a row
 * whose {@code xmin} still equals the cached one holds exactly the cached window. A frozen row
 * reports xid 2, which no cached version has, and reads again.
 *
 * <p>Bounded by window entries: past {@link #MAX_ENTRIES} it starts over empty, which costs reads
 * and never correctness.
 */
final class WindowCache {
  /** About 30 MB of price events: 20,000 pairs at window sizes totalling 10. */
  static final int MAX_ENTRIES = 200_000;

  record Cached(long version, MovingAverageWindow window) {}

  private final ConcurrentHashMap<WindowKey, Cached> windows = new ConcurrentHashMap<>();
  private final AtomicLong entries = new AtomicLong();

  /** The cached window of {@code key} and its row version, or null. */
  Cached get(WindowKey key) {
    return windows.get(key);
  }

  /** {@code window} is what the row of its key holds at row version {@code version}. */
  void put(long version, MovingAverageWindow window) {
    int size = window.entries().size();
    if (entries.addAndGet(size) > MAX_ENTRIES) {
      windows.clear();
      entries.set(size);
    }
    Cached previous = windows.put(window.key(), new Cached(version, window));
    if (previous != null) {
      entries.addAndGet(-previous.window().entries().size());
    }
  }
}
