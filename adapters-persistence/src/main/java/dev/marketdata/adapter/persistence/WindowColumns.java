package dev.marketdata.adapter.persistence;

import dev.marketdata.domain.average.MovingAverageWindow;
import dev.marketdata.domain.average.WindowKey;
import dev.marketdata.domain.model.PriceEvent;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The window columns of {@code symbol_averages} (V17, ADR 0018): {@code window_ids uuid[]}, {@code
 * window_prices numeric[]} and {@code window_times timestamptz[]}, one element per event, oldest
 * first.
 */
final class WindowColumns {
  private WindowColumns() {}

  /**
   * The price as {@code numeric} stores it: with its scale, which numeric keeps, but never a
   * negative one, which it has not ({@code 1E+3} is stored as {@code 1000}, as in price_points).
   */
  static BigDecimal stored(BigDecimal price) {
    return price.scale() < 0 ? price.setScale(0) : price;
  }

  /**
   * The prices as a {@code numeric[]} literal ({@code {100.10,0.0001234}}). The PG client sends
   * numeric only as text, so a literal per row, cast in SQL, costs no more than an array parameter
   * and needs no slicing of a variable-width array.
   */
  static String pricesLiteral(List<PriceEvent> entries) {
    StringBuilder literal = new StringBuilder(16 * entries.size() + 2).append('{');
    for (int i = 0; i < entries.size(); i++) {
      if (i > 0) {
        literal.append(',');
      }
      // Plain notation never has a negative scale ({@code 1E+3} is written 1000), and the prices
      // were folded as stored already.
      literal.append(entries.get(i).price().toPlainString());
    }
    return literal.append('}').toString();
  }

  /** The stored window of {@code key}, from its three columns. */
  static MovingAverageWindow decode(
      WindowKey key, UUID[] ids, BigDecimal[] prices, OffsetDateTime[] times) {
    if (ids.length != prices.length || ids.length != times.length) {
      throw new IllegalStateException(
          String.format(
              "window of %s has %d ids, %d prices and %d times",
              key, ids.length, prices.length, times.length));
    }
    List<PriceEvent> entries = new ArrayList<>(ids.length);
    for (int i = 0; i < ids.length; i++) {
      entries.add(
          new PriceEvent(key.symbol(), prices[i], times[i].toInstant(), key.provider(), ids[i]));
    }
    return MovingAverageWindow.restore(key.symbol(), key.provider(), key.size(), entries);
  }
}
