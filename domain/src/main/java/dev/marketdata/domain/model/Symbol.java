package dev.marketdata.domain.model;

import dev.marketdata.domain.failure.InvalidInput;
import java.util.Locale;

/**
 * A ticker symbol as our API speaks it: trimmed, upper-cased, 1–20 characters from {@code A-Z 0-9 .
 * - ^ = :} ("BRK.B", "BTC-USD", "^GSPC", "EURUSD=X").
 */
public record Symbol(String value) implements Comparable<Symbol> {
  private static final int MAX_LENGTH = 20;

  public Symbol {
    if (value == null) {
      throw new InvalidInput("symbol", null, "is required");
    }
    String normalized = value.strip().toUpperCase(Locale.ROOT);
    if (!allowed(normalized)) {
      throw new InvalidInput(
          "symbol", value, "must be 1-20 characters from A-Z 0-9 . - ^ = : (for example AAPL)");
    }
    value = normalized;
  }

  /**
   * 1-20 characters from A-Z 0-9 . - ^ = :, checked by hand: a symbol is parsed on every request
   * and every consumed event, and a regex matcher per parse was a measurable share of the
   * allocations.
   */
  private static boolean allowed(String s) {
    int n = s.length();
    if (n < 1 || n > MAX_LENGTH) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      boolean ok =
          (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '.'
              || c == '-'
              || c == '^'
              || c == '='
              || c == ':';
      if (!ok) {
        return false;
      }
    }
    return true;
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
