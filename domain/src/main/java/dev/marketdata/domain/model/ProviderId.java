package dev.marketdata.domain.model;

import dev.marketdata.domain.failure.InvalidInput;
import java.util.Locale;
import java.util.regex.Pattern;

/** The name of a quote source, lower-case: {@code alpha_vantage}, {@code finnhub}, ... */
public record ProviderId(String value) implements Comparable<ProviderId> {
  // Declared before the constants below, which need it during class initialisation.
  private static final Pattern ALLOWED = Pattern.compile("[a-z][a-z0-9_]{0,31}");

  public static final ProviderId ALPHA_VANTAGE = new ProviderId("alpha_vantage");
  public static final ProviderId FINNHUB = new ProviderId("finnhub");
  public static final ProviderId YAHOO = new ProviderId("yahoo");
  public static final ProviderId SIMULATED = new ProviderId("simulated");

  public ProviderId {
    if (value == null) {
      throw new InvalidInput("provider", null, "is required");
    }
    String normalized = value.strip().toLowerCase(Locale.ROOT);
    if (!ALLOWED.matcher(normalized).matches()) {
      throw new InvalidInput(
          "provider", value, "must be a provider name such as finnhub, alpha_vantage, yahoo");
    }
    value = normalized;
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
