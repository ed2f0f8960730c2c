package dev.marketdata.domain.model;

/**
 * A stored price, a committed average or a completed bar at its position in the live log (ADR 0012,
 * 0013): {@code id} is the event's place in one order shared by every replica, so a client that saw
 * {@code id} on one replica can resume after it on any other. Exactly one of {@code price}, {@code
 * average} and {@code bar} is set.
 */
public record LiveEvent(long id, PriceEvent price, MovingAverage average, Bar bar) {
  public LiveEvent {
    if (id < 1) {
      throw new IllegalArgumentException("a live event id is positive, got " + id);
    }
    int set = (price == null ? 0 : 1) + (average == null ? 0 : 1) + (bar == null ? 0 : 1);
    if (set != 1) {
      throw new IllegalArgumentException("a live event is either a price, an average or a bar");
    }
  }

  /** A price or an average, as before bars joined the log. */
  public LiveEvent(long id, PriceEvent price, MovingAverage average) {
    this(id, price, average, null);
  }

  public static LiveEvent ofPrice(long id, PriceEvent price) {
    return new LiveEvent(id, Required.field("price", price), null, null);
  }

  public static LiveEvent ofAverage(long id, MovingAverage average) {
    return new LiveEvent(id, null, Required.field("average", average), null);
  }

  public static LiveEvent ofBar(long id, Bar bar) {
    return new LiveEvent(id, null, null, Required.field("bar", bar));
  }

  public boolean isPrice() {
    return price != null;
  }

  public boolean isAverage() {
    return average != null;
  }

  public boolean isBar() {
    return bar != null;
  }

  public Symbol symbol() {
    return isPrice() ? price.symbol() : isAverage() ? average.symbol() : bar.symbol();
  }

  public ProviderId provider() {
    return isPrice() ? price.source() : isAverage() ? average.provider() : bar.provider();
  }
}
