package dev.marketdata.domain.model;

import dev.marketdata.domain.failure.InvalidInput;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A ticker symbol as our API speaks it: trimmed, upper-cased, 1–20 characters from {@code A-Z 0-9 .
 * - ^ = :} ("BRK.B", "BTC-USD", "^GSPC", "EURUSD=X").
 */
public record Symbol(String value) implements Comparable<Symbol> {
  private static final Pattern ALLOWED = Pattern.compile("[A-Z0-9.\\-^=:]{1,20}");

  public Symbol {
    if (value == null) {
      throw new InvalidInput("symbol", null, "is required");
    }
    String normalized = value.strip().toUpperCase(Locale.ROOT);
    if (!ALLOWED.matcher(normalized).matches()) {
      throw new InvalidInput(
          "symbol", value, "must be 1-20 characters from A-Z 0-9 . - ^ = : (for example AAPL)");
    }
    value = normalized;
  }

  public static Symbol of(String value) {
    return new Symbol(value);
  }

  @Override
  public int compareTo(Symbol other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
