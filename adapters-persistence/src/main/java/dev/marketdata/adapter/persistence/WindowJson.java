package dev.marketdata.adapter.persistence;

import dev.marketdata.domain.average.MovingAverageWindow;
import dev.marketdata.domain.average.WindowKey;
import dev.marketdata.domain.model.PriceEvent;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The {@code symbol_averages.window_prices} column: a window's events as {@code
 * [{"raw_response_id","price","timestamp"}]}, prices as exact decimal strings.
 */
final class WindowJson {
  private WindowJson() {}

  /**
   * The events as JSON, written directly: every value is a UUID, a plain decimal or an ISO-8601
   * instant, none of which needs escaping.
   */
  static String encode(List<PriceEvent> entries) {
    StringBuilder json = new StringBuilder(96 * entries.size() + 2).append('[');
    for (int i = 0; i < entries.size(); i++) {
      PriceEvent e = entries.get(i);
      if (i > 0) {
        json.append(',');
      }
      json.append("{\"raw_response_id\":\"")
          .append(e.rawResponseId())
          .append("\",\"price\":\"")
          .append(exact(e.price()))
          .append("\",\"timestamp\":\"")
          .append(e.timestamp())
          .append("\"}");
    }
    return json.append(']').toString();
  }

  /** The stored window of {@code key}. */
  static MovingAverageWindow decode(WindowKey key, JsonArray json) {
    List<PriceEvent> entries = new ArrayList<>(json.size());
    for (int i = 0; i < json.size(); i++) {
      JsonObject o = json.getJsonObject(i);
      entries.add(
          new PriceEvent(
              key.symbol(),
              new BigDecimal(o.getString("price")),
              PgValues.parseInstant(o.getString("timestamp")),
              key.provider(),
              UUID.fromString(o.getString("raw_response_id"))));
    }
    return MovingAverageWindow.restore(key.symbol(), key.provider(), key.size(), entries);
  }

  /** The price as a string that parses back to the same BigDecimal, scale included. */
  private static String exact(BigDecimal price) {
    return price.scale() < 0 ? price.toString() : price.toPlainString();
  }
}
