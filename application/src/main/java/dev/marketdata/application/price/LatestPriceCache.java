package dev.marketdata.application.price;

import dev.marketdata.domain.failure.InvalidInput;
import dev.marketdata.domain.model.PriceEvent;
import dev.marketdata.domain.model.PricePoint;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.Symbol;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The newest price point this process has seen per (symbol, provider), so fresh prices are served
 * without a database round trip. Only ever moves forward in {@link PriceEvent#ORDER}, or to a later
 * fetch of the same point.
 *
 * <p>Holds at most {@code maxEntries} pairs (a caller asking for ever new symbols must not grow it
 * without end). When full, the pair that has gone longest without being read is dropped, as in an
 * LRU, approximated by the CLOCK (second chance) policy: a read only sets a flag, so reads stay
 * lock-free on the hot path. Hand-written rather than Caffeine because the application module
 * depends on the domain and jakarta.inject only (the architecture rules say so), and the policy is
 * a few lines.
 */
@Singleton
public final class LatestPriceCache {
  private record Key(Symbol symbol, ProviderId provider) {}

  /** A held point and whether it was read since the clock hand last passed it. */
  private static final class Slot {
    volatile PricePoint point;
    volatile boolean referenced;

    Slot(PricePoint point) {
      this.point = point;
    }
  }

  private final int maxEntries;
  private final ConcurrentHashMap<Key, Slot> latest = new ConcurrentHashMap<>();

  /** Every key in the map once, oldest insertion first: the clock hand's path. */
  private final ConcurrentLinkedQueue<Key> hand = new ConcurrentLinkedQueue<>();

  @Inject
  public LatestPriceCache(LatestPriceSettings settings) {
    this(settings.cacheMaxEntries());
  }

  /** With the default bound, {@link LatestPriceSettings#DEFAULT_CACHE_MAX_ENTRIES}. */
  public LatestPriceCache() {
    this(LatestPriceSettings.DEFAULT_CACHE_MAX_ENTRIES);
  }

  public LatestPriceCache(int maxEntries) {
    if (maxEntries < 1) {
      throw new InvalidInput("cacheMaxEntries", maxEntries, "must be at least 1");
    }
    this.maxEntries = maxEntries;
  }

  public Optional<PricePoint> get(Symbol symbol, ProviderId provider) {
    Slot slot = latest.get(new Key(symbol, provider));
    if (slot == null) {
      return Optional.empty();
    }
    if (!slot.referenced) {
      slot.referenced = true;
    }
    return Optional.of(slot.point);
  }

  public void offer(PricePoint point) {
    Key key = new Key(point.symbol(), point.provider());
    boolean[] added = {false};
    latest.compute(
        key,
        (k, held) -> {
          if (held == null) {
            added[0] = true;
            return new Slot(point);
          }
          int order = PriceEvent.ORDER.compare(point.toEvent(), held.point.toEvent());
          // The same point fetched again (ADR 0014) is held with its later fetch time, so the
          // freshness window runs from the last fetch and the next request needs no provider call.
          if (order > 0 || (order == 0 && point.fetchedAt().isAfter(held.point.fetchedAt()))) {
            held.point = point;
          }
          return held;
        });
    if (added[0]) {
      hand.add(key);
      evictOverflow();
    }
  }

  /**
   * Advances the hand until the map fits: a slot read since the hand last passed it gets a second
   * chance (flag cleared, back in line), an unread one goes. Every key is in line once, so one pass
   * of second chances is enough; after that the next in line goes even if it was read again since.
   */
  private void evictOverflow() {
    int secondChances = latest.size();
    while (latest.size() > maxEntries) {
      Key candidate = hand.poll();
      if (candidate == null) {
        return;
      }
      Slot slot = latest.get(candidate);
      if (slot != null && slot.referenced && secondChances-- > 0) {
        slot.referenced = false;
        hand.add(candidate);
      } else {
        latest.remove(candidate);
      }
    }
  }

  public int size() {
    return latest.size();
  }

  public int maxEntries() {
    return maxEntries;
  }
}
