package dev.marketdata.domain.model;

/**
 * A stored price or a committed average at its position in the live log (ADR 0012): {@code id} is
 * the event's place in one order shared by every replica, so a client that saw {@code id} on one
 * replica can resume after it on any other. Exactly one of {@code price} and {@code average} is
 * set.
 */
public record LiveEvent(long id, PriceEvent price, MovingAverage average) {
  public LiveEvent {
    if (id < 1) {
      throw new IllegalArgumentException("a live event id is positive, got " + id);
    }
    if ((price == null) == (average == null)) {
      throw new IllegalArgumentException("a live event is either a price or an average");
    }
  }

  public static LiveEvent ofPrice(long id, PriceEvent price) {
    return new LiveEvent(id, Required.field("price", price), null);
  }

  public static LiveEvent ofAverage(long id, MovingAverage average) {
    return new LiveEvent(id, null, Required.field("average", average));
  }

  public boolean isPrice() {
    return price != null;
  }

  public Symbol symbol() {
    return isPrice() ? price.symbol() : average.symbol();
  }

  public ProviderId provider() {
    return isPrice() ? price.source() : average.provider();
  }
}
