package dev.marketdata.domain.market;

import dev.marketdata.domain.failure.InvalidInput;
import java.util.Locale;

/**
 * A US equity exchange by its ISO 10383 MIC; both follow the same holidays and hours, so they share
 * one {@link TradingCalendar}.
 */
public enum Exchange {
  /** New York Stock Exchange. */
  XNYS,
  /** Nasdaq. */
  XNAS;

  /** Parses a MIC, case-insensitive; anything else is an {@link InvalidInput} on field. */
  public static Exchange parse(String field, String value) {
    if (value == null) {
      throw new InvalidInput(field, null, "is required; one of XNYS, XNAS");
    }
    for (Exchange exchange : values()) {
      if (exchange.name().equals(value.strip().toUpperCase(Locale.ROOT))) {
        return exchange;
      }
    }
    throw new InvalidInput(field, value, "must be one of XNYS, XNAS");
  }
}
