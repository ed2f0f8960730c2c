package dev.marketdata.domain.model;

import dev.marketdata.domain.failure.InvalidInput;
import java.util.Locale;

/** The name of a quote source, lower-case: {@code alpha_vantage}, {@code finnhub}, ... */
public record ProviderId(String value) implements Comparable<ProviderId> {
  public static final ProviderId ALPHA_VANTAGE = new ProviderId("alpha_vantage");
  public static final ProviderId FINNHUB = new ProviderId("finnhub");
  public static final ProviderId YAHOO = new ProviderId("yahoo");
  public static final ProviderId SIMULATED = new ProviderId("simulated");

  public ProviderId {
    if (value == null) {
      throw new InvalidInput("provider", null, "is required");
    }
    String normalized = value.strip().toLowerCase(Locale.ROOT);
    if (!allowed(normalized)) {
      throw new InvalidInput(
          "provider", value, "must be a provider name such as finnhub, alpha_vantage, yahoo");
    }
    value = normalized;
  }

  /**
   * A lower-case letter, then up to 31 of a-z 0-9 _, checked by hand: a provider id is parsed on
   * every request, and a regex matcher per parse was a measurable share of the allocations.
   */
  private static boolean allowed(String s) {
    int n = s.length();
    if (n < 1 || n > 32 || s.charAt(0) < 'a' || s.charAt(0) > 'z') {
      return false;
    }
    for (int i = 1; i < n; i++) {
      char c = s.charAt(i);
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) {
        return false;
      }
    }
    return true;
  }

  public static ProviderId of(String value) {
    return new ProviderId(value);
  }

  @Override
  public int compareTo(ProviderId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
