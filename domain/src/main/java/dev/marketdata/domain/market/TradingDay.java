package dev.marketdata.domain.market;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;

/** One calendar day of the US equity markets: its session boundaries and why it is unusual. */
record TradingDay(LocalDate date, Kind kind, String name) {
  static final ZoneId ZONE = ZoneId.of("America/New_York");
  static final LocalTime PRE_OPEN = LocalTime.of(4, 0);
  static final LocalTime OPEN = LocalTime.of(9, 30);
  static final LocalTime CLOSE = LocalTime.of(16, 0);
  static final LocalTime POST_CLOSE = LocalTime.of(20, 0);
  static final LocalTime EARLY_CLOSE = LocalTime.of(13, 0);
  static final LocalTime EARLY_POST_CLOSE = LocalTime.of(17, 0);
  static final String WEEKEND = "weekend";
  static final String EARLY_CLOSE_REASON = "early close at 13:00";

  /**
   * What the day is; the data file spells the last two {@code full-day-closed}, {@code
   * early-close}.
   */
  enum Kind {
    ORDINARY,
    WEEKEND,
    FULL_DAY_CLOSED,
    EARLY_CLOSE
  }

  static TradingDay ordinaryOrWeekend(LocalDate date) {
    DayOfWeek day = date.getDayOfWeek();
    boolean weekend = day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY;
    return new TradingDay(date, weekend ? Kind.WEEKEND : Kind.ORDINARY, null);
  }

  boolean trades() {
    return kind == Kind.ORDINARY || kind == Kind.EARLY_CLOSE;
  }

  /** The status's {@code reason}: the holiday's name, weekend, the early close, or null. */
  String reason() {
    return switch (kind) {
      case ORDINARY -> null;
      case WEEKEND -> WEEKEND;
      case FULL_DAY_CLOSED -> name;
      case EARLY_CLOSE -> EARLY_CLOSE_REASON;
    };
  }

  Instant preOpen() {
    return at(PRE_OPEN);
  }

  Instant open() {
    return at(OPEN);
  }

  Instant close() {
    return at(kind == Kind.EARLY_CLOSE ? EARLY_CLOSE : CLOSE);
  }

  Instant postClose() {
    return at(kind == Kind.EARLY_CLOSE ? EARLY_POST_CLOSE : POST_CLOSE);
  }

  /** Start of this day in New York, which is also the end of the previous day. */
  Instant start() {
    return date.atStartOfDay(ZONE).toInstant();
  }

  MarketSession session(Instant at) {
    if (!trades() || at.isBefore(preOpen()) || !at.isBefore(postClose())) {
      return MarketSession.CLOSED;
    }
    if (at.isBefore(open())) {
      return MarketSession.PRE;
    }
    return at.isBefore(close()) ? MarketSession.REGULAR : MarketSession.POST;
  }

  private Instant at(LocalTime time) {
    // Session times are never in a DST gap or overlap (those are at 01:00-03:00 New York time).
    return date.atTime(time).atZone(ZONE).toInstant();
  }
}
