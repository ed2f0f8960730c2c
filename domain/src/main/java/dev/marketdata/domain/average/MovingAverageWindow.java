package dev.marketdata.domain.average;

import dev.marketdata.domain.failure.InvalidInput;
import dev.marketdata.domain.model.MovingAverage;
import dev.marketdata.domain.model.PriceEvent;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.Symbol;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The state behind one stored moving average: the newest N events of one (symbol, provider) in
 * {@link PriceEvent#ORDER}. Applying an event keeps the N newest of everything ever applied, so
 * applying the same event twice, or events out of order, gives the same window: at-least-once
 * delivery becomes effectively-once.
 */
public final class MovingAverageWindow {
  private final Symbol symbol;
  private final ProviderId provider;
  private final int size;
  private final List<PriceEvent> entries; // oldest first, at most size

  private MovingAverageWindow(
      Symbol symbol, ProviderId provider, int size, List<PriceEvent> entries) {
    this.symbol = symbol;
    this.provider = provider;
    this.size = size;
    this.entries = List.copyOf(entries);
  }

  public static MovingAverageWindow empty(Symbol symbol, ProviderId provider, int size) {
    if (size < 1) {
      throw new InvalidInput("window", size, "must be at least 1");
    }
    return new MovingAverageWindow(symbol, provider, size, List.of());
  }

  /** Rebuilds a stored window; entries may come in any order and more than N are trimmed. */
  public static MovingAverageWindow restore(
      Symbol symbol, ProviderId provider, int size, List<PriceEvent> entries) {
    return empty(symbol, provider, size).applyAll(entries);
  }

  /** The window with {@code event} taken into account; {@code this} when nothing changes. */
  public MovingAverageWindow apply(PriceEvent event) {
    if (!event.symbol().equals(symbol) || !event.source().equals(provider)) {
      throw new InvalidInput(
          "event", event.rawResponseId(), "belongs to " + event.symbol() + "/" + event.source());
    }
    int insertAt = entries.size();
    for (int i = 0; i < entries.size(); i++) {
      PriceEvent held = entries.get(i);
      if (held.rawResponseId().equals(event.rawResponseId())) {
        return this; // already applied
      }
      if (PriceEvent.ORDER.compare(event, held) < 0 && insertAt == entries.size()) {
        insertAt = i;
      }
    }
    if (entries.size() == size && insertAt == 0) {
      return this; // older than every event in a full window: not among the newest N
    }
    List<PriceEvent> next = new ArrayList<>(entries);
    next.add(insertAt, event);
    if (next.size() > size) {
      next.remove(0);
    }
    return new MovingAverageWindow(symbol, provider, size, next);
  }

  /**
   * The window with every event of {@code events} taken into account, in any order; {@code this}
   * when none of them changes it.
   */
  public MovingAverageWindow applyAll(Collection<PriceEvent> events) {
    MovingAverageWindow window = this;
    for (PriceEvent e : events) {
      window = window.apply(e);
    }
    return window;
  }

  /** The events in the window, oldest first. */
  public List<PriceEvent> entries() {
    return entries;
  }

  public Symbol symbol() {
    return symbol;
  }

  public ProviderId provider() {
    return provider;
  }

  public int size() {
    return size;
  }

  public WindowKey key() {
    return new WindowKey(symbol, provider, size);
  }

  public boolean isEmpty() {
    return entries.isEmpty();
  }

  /** The average over the window, empty before the first event. */
  public Optional<MovingAverage> average(int scale) {
    if (entries.isEmpty()) {
      return Optional.empty();
    }
    List<BigDecimal> prices = new ArrayList<>(entries.size());
    for (PriceEvent e : entries) {
      prices.add(e.price());
    }
    MovingAverageCalculator.Result r = new MovingAverageCalculator(size, scale).average(prices);
    Instant asOf = entries.get(entries.size() - 1).timestamp();
    return Optional.of(new MovingAverage(symbol, provider, size, r.value(), r.sampleCount(), asOf));
  }

  public Optional<MovingAverage> average() {
    return average(MovingAverageCalculator.DEFAULT_SCALE);
  }
}
