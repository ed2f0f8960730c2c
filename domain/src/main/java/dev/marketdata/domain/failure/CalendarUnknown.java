package dev.marketdata.domain.failure;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A trading calendar was asked about a moment outside the years its data file covers; it says it
 * does not know rather than guess.
 */
public final class CalendarUnknown extends MarketDataException {
  private final String field;
  private final Instant at;
  private final LocalDate firstDay;
  private final LocalDate lastDay;

  public CalendarUnknown(String field, Instant at, LocalDate firstDay, LocalDate lastDay) {
    super(
        field
            + " "
            + at
            + " is outside the trading calendar, which covers "
            + firstDay
            + " to "
            + lastDay
            + " (America/New_York)",
        null);
    this.field = Objects.requireNonNull(field, "field");
    this.at = Objects.requireNonNull(at, "at");
    this.firstDay = Objects.requireNonNull(firstDay, "firstDay");
    this.lastDay = Objects.requireNonNull(lastDay, "lastDay");
  }

  /** The request field that carried the instant, {@code at}. */
  public String field() {
    return field;
  }

  public Instant at() {
    return at;
  }

  /** First calendar day the table covers (America/New_York). */
  public LocalDate firstDay() {
    return firstDay;
  }

  /** Last calendar day the table covers (America/New_York). */
  public LocalDate lastDay() {
    return lastDay;
  }
}
