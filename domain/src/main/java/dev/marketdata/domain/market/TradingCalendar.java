package dev.marketdata.domain.market;

import dev.marketdata.domain.failure.CalendarUnknown;
import dev.marketdata.domain.model.Required;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The sessions of the US equity markets (XNYS, XNAS) for the years its data file covers; outside
 * them it says it does not know rather than guess. Immutable and deterministic: every process (API,
 * poller, any number of replicas) loads the same bundled table and gives the same answers, with no
 * shared state between them.
 */
public final class TradingCalendar {
  static final String US_EQUITIES_FILE = "xnys-2025-2027.csv";
  static final LocalDate US_EQUITIES_FIRST = LocalDate.of(2025, 1, 1);
  static final LocalDate US_EQUITIES_LAST = LocalDate.of(2027, 12, 31);

  private static TradingCalendar usEquities;

  private final LocalDate firstDay;
  private final LocalDate lastDay;
  private final Map<LocalDate, TradingDay> unusualDays;

  TradingCalendar(LocalDate firstDay, LocalDate lastDay, Map<LocalDate, TradingDay> unusualDays) {
    this.firstDay = Objects.requireNonNull(firstDay, "firstDay");
    this.lastDay = Objects.requireNonNull(lastDay, "lastDay");
    this.unusualDays = Map.copyOf(unusualDays);
  }

  /**
   * The calendar XNYS and XNAS share, loaded once from the bundled data file; a malformed file
   * fails here with an {@link IllegalStateException} naming the file and line.
   */
  public static synchronized TradingCalendar usEquities() {
    if (usEquities == null) {
      usEquities =
          new TradingCalendar(
              US_EQUITIES_FIRST,
              US_EQUITIES_LAST,
              CalendarFile.readResource(US_EQUITIES_FILE, US_EQUITIES_FIRST, US_EQUITIES_LAST));
    }
    return usEquities;
  }

  /** First calendar day covered (America/New_York). */
  public LocalDate firstDay() {
    return firstDay;
  }

  /** Last calendar day covered (America/New_York). */
  public LocalDate lastDay() {
    return lastDay;
  }

  /** Whether {@code at} falls on a day the table covers, by the New York calendar date. */
  public boolean covers(Instant at) {
    Required.field("at", at);
    return !at.isBefore(start()) && at.isBefore(end());
  }

  /**
   * The exchange's status at {@code at}; throws {@link CalendarUnknown} (field {@code at}) outside
   * the table.
   */
  public MarketStatus status(Exchange exchange, Instant at) {
    Required.field("exchange", exchange);
    TradingDay today = dayOf(at);
    MarketSession session = today.session(at);
    boolean open = session == MarketSession.REGULAR;
    Instant nextOpen = nextOpen(at).orElse(null);
    Instant nextClose = open ? today.close() : nextOpen == null ? null : dayOf(nextOpen).close();
    return new MarketStatus(exchange, session, open, today.reason(), nextOpen, nextClose, at);
  }

  /** The session at {@code at}; throws {@link CalendarUnknown} outside the table. */
  public MarketSession session(Instant at) {
    return dayOf(at).session(at);
  }

  /**
   * Whether a job with these hours may call a provider at {@code at}; ALWAYS is always true, and
   * outside the table also true (it does not guess: polling goes on, as before the calendar).
   */
  public boolean allows(MarketHours hours, Instant at) {
    Required.field("market_hours", hours);
    if (hours == MarketHours.ALWAYS || !covers(at)) {
      return true;
    }
    MarketSession session = session(at);
    return hours == MarketHours.REGULAR
        ? session == MarketSession.REGULAR
        : session != MarketSession.CLOSED;
  }

  /**
   * The next instant after {@code at} at which {@code allows(hours, ·)} becomes true: the next
   * regular open (REGULAR) or pre-market open (EXTENDED). Empty when {@code at} is already allowed.
   * After the table's last session it is the end of the table, where {@link #allows} turns true
   * again because the calendar no longer knows.
   */
  public Optional<Instant> nextAllowed(MarketHours hours, Instant at) {
    if (allows(hours, at)) {
      return Optional.empty();
    }
    for (LocalDate date = dayOf(at).date(); !date.isAfter(lastDay); date = date.plusDays(1)) {
      TradingDay day = day(date);
      Instant starts = hours == MarketHours.REGULAR ? day.open() : day.preOpen();
      if (day.trades() && starts.isAfter(at)) {
        return Optional.of(starts);
      }
    }
    return Optional.of(end());
  }

  /**
   * How much of [from, to) {@code hours} allows, for the poll budget check; time outside the table
   * counts as allowed, as {@link #allows} does. Zero when {@code to} is not after {@code from}.
   */
  public Duration allowedWithin(MarketHours hours, Instant from, Instant to) {
    Required.field("market_hours", hours);
    Required.field("from", from);
    Required.field("to", to);
    if (!to.isAfter(from)) {
      return Duration.ZERO;
    }
    if (hours == MarketHours.ALWAYS) {
      return Duration.between(from, to);
    }
    Duration allowed =
        overlap(from, to, Instant.MIN, start()).plus(overlap(from, to, end(), Instant.MAX));
    Instant first = from.isAfter(start()) ? from : start();
    Instant last = to.isBefore(end()) ? to : end();
    if (first.isBefore(last)) {
      LocalDate lastDate = dayOf(last.minusNanos(1)).date();
      for (LocalDate date = dayOf(first).date(); !date.isAfter(lastDate); date = date.plusDays(1)) {
        TradingDay day = day(date);
        if (day.trades()) {
          allowed =
              hours == MarketHours.REGULAR
                  ? allowed.plus(overlap(from, to, day.open(), day.close()))
                  : allowed.plus(overlap(from, to, day.preOpen(), day.postClose()));
        }
      }
    }
    return allowed;
  }

  /** Whether the regular session is open at {@code at}; false outside the table. */
  public boolean regularSessionOpen(Instant at) {
    return covers(at) && session(at) == MarketSession.REGULAR;
  }

  private Optional<Instant> nextOpen(Instant at) {
    for (LocalDate date = dayOf(at).date(); !date.isAfter(lastDay); date = date.plusDays(1)) {
      TradingDay day = day(date);
      if (day.trades() && day.open().isAfter(at)) {
        return Optional.of(day.open());
      }
    }
    return Optional.empty();
  }

  private TradingDay dayOf(Instant at) {
    if (!covers(at)) {
      throw new CalendarUnknown("at", at, firstDay, lastDay);
    }
    return day(at.atZone(TradingDay.ZONE).toLocalDate());
  }

  private TradingDay day(LocalDate date) {
    TradingDay unusual = unusualDays.get(date);
    return unusual != null ? unusual : TradingDay.ordinaryOrWeekend(date);
  }

  private Instant start() {
    return firstDay.atStartOfDay(TradingDay.ZONE).toInstant();
  }

  private Instant end() {
    return lastDay.plusDays(1).atStartOfDay(TradingDay.ZONE).toInstant();
  }

  private static Duration overlap(Instant from, Instant to, Instant start, Instant end) {
    Instant a = from.isAfter(start) ? from : start;
    Instant b = to.isBefore(end) ? to : end;
    return a.isBefore(b) ? Duration.between(a, b) : Duration.ZERO;
  }
}
