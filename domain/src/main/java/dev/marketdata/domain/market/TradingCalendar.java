package dev.marketdata.domain.market;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/**
 * The sessions of the US equity markets (XNYS, XNAS) for the years its data file covers; outside
 * them it says it does not know rather than guess. Immutable and deterministic: every process (API,
 * poller, any number of replicas) loads the same table and gives the same answers.
 */
public final class TradingCalendar {

  private TradingCalendar() {}

  /** The calendar XNYS and XNAS share, loaded from the bundled data file. */
  public static TradingCalendar usEquities() {
    throw new UnsupportedOperationException("not yet");
  }

  /** First calendar day covered (America/New_York). */
  public LocalDate firstDay() {
    throw new UnsupportedOperationException("not yet");
  }

  /** Last calendar day covered (America/New_York). */
  public LocalDate lastDay() {
    throw new UnsupportedOperationException("not yet");
  }

  /** Whether {@code at} falls on a day the table covers. */
  public boolean covers(Instant at) {
    throw new UnsupportedOperationException("not yet");
  }

  /**
   * The exchange's status at {@code at}; throws {@link
   * dev.marketdata.domain.failure.CalendarUnknown} (field {@code at}) outside the table.
   */
  public MarketStatus status(Exchange exchange, Instant at) {
    throw new UnsupportedOperationException("not yet");
  }

  /** The session at {@code at}; throws {@link dev.marketdata.domain.failure.CalendarUnknown}. */
  public MarketSession session(Instant at) {
    throw new UnsupportedOperationException("not yet");
  }

  /**
   * Whether a job with these hours may call a provider at {@code at}; ALWAYS is always true, and
   * outside the table also true (it does not guess: polling goes on, as before the calendar).
   */
  public boolean allows(MarketHours hours, Instant at) {
    throw new UnsupportedOperationException("not yet");
  }

  /**
   * The next instant after {@code at} at which {@code allows(hours, ·)} becomes true; empty when
   * {@code at} is already allowed or when that instant lies beyond the table.
   */
  public Optional<Instant> nextAllowed(MarketHours hours, Instant at) {
    throw new UnsupportedOperationException("not yet");
  }

  /** How much of [from, to) {@code hours} allows (for the poll budget check). */
  public Duration allowedWithin(MarketHours hours, Instant from, Instant to) {
    throw new UnsupportedOperationException("not yet");
  }

  /** Whether the regular session is open at {@code at}; false outside the table. */
  public boolean regularSessionOpen(Instant at) {
    throw new UnsupportedOperationException("not yet");
  }
}
