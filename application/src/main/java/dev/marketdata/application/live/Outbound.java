package dev.marketdata.application.live;

import dev.marketdata.domain.model.LiveEvent;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.Symbol;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * One connection's events on their way out: written straight through while the transport takes
 * them; while its write queue is full, held and conflated to the latest per (type, symbol,
 * provider, window or interval), then written in id order when it drains. Remembers since when it
 * has been behind, for the slow-client close. Ids at or below the last one queued are dropped, so a
 * replay followed by buffered live events neither repeats nor reorders. Not thread-safe: it lives
 * on its connection's event loop.
 */
public final class Outbound {
  /** The transport: whether its write queue has room, and a write of one event. */
  public interface Sink {
    boolean writable();

    void write(LiveEvent event);
  }

  /** The conflation key: type, symbol, provider, and an average's window or a bar's interval. */
  private record Key(char type, Symbol symbol, ProviderId provider, Object series) {
    static Key of(LiveEvent e) {
      if (e.isPrice()) {
        return new Key('p', e.symbol(), e.provider(), null);
      }
      if (e.isAverage()) {
        return new Key('a', e.symbol(), e.provider(), e.average().windowSize());
      }
      return new Key('b', e.symbol(), e.provider(), e.bar().interval());
    }
  }

  private final Sink sink;
  private final LongSupplier nanoTime;
  private final TreeMap<Long, LiveEvent> pending = new TreeMap<>();
  private final Map<Key, Long> pendingIdByKey = new HashMap<>();
  private long lastQueued;
  private long behindSince;
  private boolean behind;
  private long conflated;
  private long written;

  public Outbound(Sink sink, LongSupplier nanoTime, long startAfter) {
    this.sink = sink;
    this.nanoTime = nanoTime;
    this.lastQueued = startAfter;
  }

  /**
   * Queues these events (ascending ids) and writes what the sink takes; returns how many pending
   * events they replaced.
   */
  public int offer(List<LiveEvent> events) {
    int replaced = 0;
    for (LiveEvent event : events) {
      if (event.id() <= lastQueued) {
        continue; // already sent (or replaced): no repeat
      }
      lastQueued = event.id();
      if (pending.isEmpty() && sink.writable()) {
        sink.write(event);
        written++;
        continue;
      }
      Long older = pendingIdByKey.put(Key.of(event), event.id());
      if (older != null) {
        pending.remove(older);
        replaced++;
      }
      pending.put(event.id(), event);
    }
    conflated += replaced;
    drain();
    return replaced;
  }

  /** Writes pending events in id order while the sink has room; call when the transport drains. */
  public void drain() {
    while (!pending.isEmpty() && sink.writable()) {
      LiveEvent next = pending.pollFirstEntry().getValue();
      pendingIdByKey.remove(Key.of(next));
      sink.write(next);
      written++;
    }
    if (pending.isEmpty()) {
      behind = false;
    } else if (!behind) {
      behind = true;
      behindSince = nanoTime.getAsLong();
    }
  }

  /** True when events have been waiting for the transport for longer than {@code limit}. */
  public boolean behindLongerThan(Duration limit) {
    return behind && nanoTime.getAsLong() - behindSince > limit.toNanos();
  }

  /** The highest id queued so far (written or pending). */
  public long lastQueued() {
    return lastQueued;
  }

  public int pendingCount() {
    return pending.size();
  }

  public long conflatedCount() {
    return conflated;
  }

  public long writtenCount() {
    return written;
  }
}
