package dev.marketdata.domain.market;

import dev.marketdata.domain.failure.InvalidInput;
import java.util.Locale;

/** Which market sessions a poll job may call a provider in. */
public enum MarketHours {
  /** Any time, as before the calendar existed. */
  ALWAYS,
  /** Only during the regular session, 09:30 to the close. */
  REGULAR,
  /** Pre-market, regular and after-hours sessions (04:00 to 20:00, or 17:00 on early closes). */
  EXTENDED;

  /** The JSON spelling: {@code always}, {@code regular}, {@code extended}. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses the JSON spelling exactly (lower case, as the API's other enums); a missing or other
   * value is an {@link InvalidInput} on field.
   */
  public static MarketHours parse(String field, String value) {
    if (value == null) {
      throw new InvalidInput(field, null, "is required; one of always, regular, extended");
    }
    for (MarketHours hours : values()) {
      if (hours.wire().equals(value)) {
        return hours;
      }
    }
    throw new InvalidInput(field, value, "must be one of always, regular, extended");
  }
}
