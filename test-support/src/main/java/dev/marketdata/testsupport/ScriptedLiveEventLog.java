package dev.marketdata.testsupport;

import dev.marketdata.domain.model.Bar;
import dev.marketdata.domain.model.BarInterval;
import dev.marketdata.domain.model.LiveBatch;
import dev.marketdata.domain.model.LiveEvent;
import dev.marketdata.domain.model.LiveFrontier;
import dev.marketdata.domain.model.MovingAverage;
import dev.marketdata.domain.model.PriceEvent;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.Symbol;
import dev.marketdata.domain.port.LiveEventLog;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A {@link LiveEventLog} in memory whose writers tests drive by hand: {@link #append} commits at
 * once; {@link #begin()} takes an id in a transaction left open until {@link #commit} or {@link
 * #rollback}, so readers see the gap and the snapshot bounds a database would report.
 */
public final class ScriptedLiveEventLog implements LiveEventLog {
  private record Stored(LiveEvent event, Instant at) {}

  private final Clock clock;
  private final TreeMap<Long, Stored> committed = new TreeMap<>();
  private final TreeMap<Long, Long> openXidById = new TreeMap<>();
  private long nextId = 1;
  private long nextXid = 1000;
  private int reads;
  private int frontierReads;

  public ScriptedLiveEventLog(Clock clock) {
    this.clock = clock;
  }

  public ScriptedLiveEventLog() {
    this(Clock.systemUTC());
  }

  /** Writes a price in a transaction of its own; returns its id. */
  public synchronized long appendPrice(Symbol symbol, ProviderId provider, String price) {
    long id = begin();
    commit(id, priceEvent(id, symbol, provider, price));
    return id;
  }

  /** Writes an average in a transaction of its own; returns its id. */
  public synchronized long appendAverage(
      Symbol symbol, ProviderId provider, int window, String value) {
    long id = begin();
    commit(id, averageEvent(id, symbol, provider, window, value));
    return id;
  }

  /** Writes a completed bar in a transaction of its own; returns its id. */
  public synchronized long appendBar(Symbol symbol, ProviderId provider, Bar bar) {
    long id = begin();
    commit(id, LiveEvent.ofBar(id, bar));
    return id;
  }

  /**
   * A complete bar of {@code interval} starting at {@code start}: open 1, high 3, low 0.5, close 2.
   */
  public static Bar bar(Symbol symbol, ProviderId provider, BarInterval interval, Instant start) {
    return new Bar(
        symbol,
        provider,
        interval,
        start,
        interval.bucketEnd(start, java.time.ZoneOffset.UTC),
        new BigDecimal("1"),
        new BigDecimal("3"),
        new BigDecimal("0.5"),
        new BigDecimal("2"),
        4,
        true);
  }

  /** Takes the next id in a transaction that stays open. */
  public synchronized long begin() {
    long id = nextId++;
    openXidById.put(id, nextXid++);
    return id;
  }

  public synchronized void commit(long id, LiveEvent event) {
    if (openXidById.remove(id) == null || event.id() != id) {
      throw new IllegalStateException("no open transaction holds id " + id);
    }
    committed.put(id, new Stored(event, clock.instant()));
  }

  public synchronized void rollback(long id) {
    openXidById.remove(id);
  }

  /** Deletes what was written before {@code id} (retention). */
  public synchronized void deleteBefore(long id) {
    committed.headMap(id).clear();
  }

  public static LiveEvent priceEvent(long id, Symbol symbol, ProviderId provider, String price) {
    return LiveEvent.ofPrice(
        id,
        new PriceEvent(symbol, new BigDecimal(price), Instant.now(), provider, UUID.randomUUID()));
  }

  public static LiveEvent averageEvent(
      long id, Symbol symbol, ProviderId provider, int window, String value) {
    return LiveEvent.ofAverage(
        id, new MovingAverage(symbol, provider, window, new BigDecimal(value), 1, Instant.now()));
  }

  @Override
  public synchronized CompletionStage<LiveBatch> readAfter(long after, int limit) {
    reads++;
    List<LiveEvent> events = new ArrayList<>();
    for (Stored s : committed.tailMap(after, false).values()) {
      if (events.size() == limit) {
        break;
      }
      events.add(s.event());
    }
    long xmin = openXidById.values().stream().min(Long::compare).orElse(nextXid);
    return CompletableFuture.completedFuture(new LiveBatch(events, xmin, nextXid));
  }

  @Override
  public synchronized CompletionStage<List<LiveEvent>> replay(
      long after, long upTo, Set<Symbol> symbols, ProviderId provider, int limit) {
    List<LiveEvent> events = new ArrayList<>();
    if (upTo > after) {
      for (Map.Entry<Long, Stored> e : committed.subMap(after, false, upTo, true).entrySet()) {
        LiveEvent event = e.getValue().event();
        if (symbols.contains(event.symbol()) && event.provider().equals(provider)) {
          events.add(event);
          if (events.size() == limit) {
            break;
          }
        }
      }
    }
    return CompletableFuture.completedFuture(events);
  }

  @Override
  public synchronized CompletionStage<Boolean> resumable(long id, Duration window) {
    Stored s = committed.get(id);
    return CompletableFuture.completedFuture(
        s != null && s.at().isAfter(clock.instant().minus(window)));
  }

  @Override
  public synchronized CompletionStage<LiveFrontier> frontier() {
    frontierReads++;
    long xmin = openXidById.values().stream().min(Long::compare).orElse(nextXid);
    return CompletableFuture.completedFuture(
        new LiveFrontier(committed.isEmpty() ? 0L : committed.lastKey(), xmin, nextXid));
  }

  /** How many times {@link #readAfter} was called. */
  public synchronized int reads() {
    return reads;
  }

  /** How many times {@link #frontier} was called. */
  public synchronized int frontierReads() {
    return frontierReads;
  }

  @Override
  public synchronized CompletionStage<Long> head() {
    return CompletableFuture.completedFuture(committed.isEmpty() ? 0L : committed.lastKey());
  }
}
