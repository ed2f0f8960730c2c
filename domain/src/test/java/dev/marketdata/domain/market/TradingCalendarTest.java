package dev.marketdata.domain.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marketdata.domain.failure.CalendarUnknown;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The calendar against the published NYSE calendar for 2025-2027, at fixed instants. */
class TradingCalendarTest {
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  private final TradingCalendar calendar = TradingCalendar.usEquities();

  /** NYSE's published full-day closures 2025-2027, typed from the NYSE page, not the data file. */
  static Stream<Arguments> fullDayClosures() {
    return Stream.of(
        Arguments.of("2025-01-01", "New Year's Day"),
        Arguments.of("2025-01-09", "National Day of Mourning for President Jimmy Carter"),
        Arguments.of("2025-01-20", "Martin Luther King, Jr. Day"),
        Arguments.of("2025-02-17", "Washington's Birthday"),
        Arguments.of("2025-04-18", "Good Friday"),
        Arguments.of("2025-05-26", "Memorial Day"),
        Arguments.of("2025-06-19", "Juneteenth National Independence Day"),
        Arguments.of("2025-07-04", "Independence Day"),
        Arguments.of("2025-09-01", "Labor Day"),
        Arguments.of("2025-11-27", "Thanksgiving Day"),
        Arguments.of("2025-12-25", "Christmas Day"),
        Arguments.of("2026-01-01", "New Year's Day"),
        Arguments.of("2026-01-19", "Martin Luther King, Jr. Day"),
        Arguments.of("2026-02-16", "Washington's Birthday"),
        Arguments.of("2026-04-03", "Good Friday"),
        Arguments.of("2026-05-25", "Memorial Day"),
        Arguments.of("2026-06-19", "Juneteenth National Independence Day"),
        Arguments.of("2026-07-03", "Independence Day (observed)"),
        Arguments.of("2026-09-07", "Labor Day"),
        Arguments.of("2026-11-26", "Thanksgiving Day"),
        Arguments.of("2026-12-25", "Christmas Day"),
        Arguments.of("2027-01-01", "New Year's Day"),
        Arguments.of("2027-01-18", "Martin Luther King, Jr. Day"),
        Arguments.of("2027-02-15", "Washington's Birthday"),
        Arguments.of("2027-03-26", "Good Friday"),
        Arguments.of("2027-05-31", "Memorial Day"),
        Arguments.of("2027-06-18", "Juneteenth National Independence Day (observed)"),
        Arguments.of("2027-07-05", "Independence Day (observed)"),
        Arguments.of("2027-09-06", "Labor Day"),
        Arguments.of("2027-11-25", "Thanksgiving Day"),
        Arguments.of("2027-12-24", "Christmas Day (observed)"));
  }

  static Stream<String> earlyCloses() {
    return Stream.of(
        "2025-07-03", "2025-11-28", "2025-12-24", "2026-11-27", "2026-12-24", "2027-11-26");
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("fullDayClosures")
  void givenPublishedHoliday_status_isClosedAllDayNamingIt(String date, String name) {
    for (String time : List.of("03:00", "05:00", "09:30", "12:00", "16:00", "19:00")) {
      MarketStatus status = calendar.status(Exchange.XNYS, ny(date + "T" + time));
      assertThat(status.session()).as(time).isEqualTo(MarketSession.CLOSED);
      assertThat(status.isOpen()).isFalse();
      assertThat(status.reason()).isEqualTo(name);
      assertThat(status.nextOpen()).isAfter(ny(date + "T23:59"));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("earlyCloses")
  void givenPublishedEarlyClose_regularEndsAt1300AndPostAt1700(String date) {
    assertThat(calendar.session(ny(date + "T09:29:59"))).isEqualTo(MarketSession.PRE);
    assertThat(calendar.session(ny(date + "T09:30"))).isEqualTo(MarketSession.REGULAR);
    assertThat(calendar.session(ny(date + "T12:59:59"))).isEqualTo(MarketSession.REGULAR);
    assertThat(calendar.session(ny(date + "T13:00"))).isEqualTo(MarketSession.POST);
    assertThat(calendar.session(ny(date + "T16:59:59"))).isEqualTo(MarketSession.POST);
    assertThat(calendar.session(ny(date + "T17:00"))).isEqualTo(MarketSession.CLOSED);
    MarketStatus status = calendar.status(Exchange.XNAS, ny(date + "T10:00"));
    assertThat(status.isOpen()).isTrue();
    assertThat(status.reason()).isEqualTo("early close at 13:00");
    assertThat(status.nextClose()).isEqualTo(ny(date + "T13:00"));
  }

  @Test
  void dataFile_holdsExactlyThePublishedDays() {
    var expected =
        Stream.concat(fullDayClosures().map(a -> (String) a.get()[0]), earlyCloses())
            .map(LocalDate::parse)
            .sorted()
            .toList();
    var inFile =
        CalendarFile.readResource(
                TradingCalendar.US_EQUITIES_FILE,
                TradingCalendar.US_EQUITIES_FIRST,
                TradingCalendar.US_EQUITIES_LAST)
            .keySet();
    assertThat(inFile).containsExactlyElementsOf(expected);
  }

  @Test
  void givenDaysNotObservedByNyse_calendar_tradesAFullDay() {
    // 2026-07-02 has no early close; New Year's Day 2028 (a Saturday) is not moved to 2027-12-31.
    for (String date : List.of("2026-07-02", "2027-12-31")) {
      MarketStatus status = calendar.status(Exchange.XNYS, ny(date + "T15:59"));
      assertThat(status.session()).isEqualTo(MarketSession.REGULAR);
      assertThat(status.reason()).isNull();
      assertThat(status.nextClose()).isEqualTo(ny(date + "T16:00"));
    }
  }

  @Test
  void givenOrdinaryDay_sessionBoundaries_areHalfOpen() {
    String day = "2026-03-18T"; // a Wednesday
    assertThat(calendar.session(ny(day + "00:00"))).isEqualTo(MarketSession.CLOSED);
    assertThat(calendar.session(ny(day + "03:59:59.999"))).isEqualTo(MarketSession.CLOSED);
    assertThat(calendar.session(ny(day + "04:00"))).isEqualTo(MarketSession.PRE);
    assertThat(calendar.session(ny(day + "09:29:59.999"))).isEqualTo(MarketSession.PRE);
    assertThat(calendar.session(ny(day + "09:30"))).isEqualTo(MarketSession.REGULAR);
    assertThat(calendar.session(ny(day + "15:59:59.999"))).isEqualTo(MarketSession.REGULAR);
    assertThat(calendar.session(ny(day + "16:00"))).isEqualTo(MarketSession.POST);
    assertThat(calendar.session(ny(day + "19:59:59.999"))).isEqualTo(MarketSession.POST);
    assertThat(calendar.session(ny(day + "20:00"))).isEqualTo(MarketSession.CLOSED);
    assertThat(calendar.status(Exchange.XNYS, ny(day + "12:00")).reason()).isNull();
    assertThat(calendar.status(Exchange.XNYS, ny(day + "22:00")).reason()).isNull();
  }

  @Test
  void givenRegularSession_status_isOpenWithTodaysCloseAndTomorrowsOpen() {
    MarketStatus status = calendar.status(Exchange.XNYS, ny("2026-03-18T11:00"));
    assertThat(status.exchange()).isEqualTo(Exchange.XNYS);
    assertThat(status.session()).isEqualTo(MarketSession.REGULAR);
    assertThat(status.isOpen()).isTrue();
    assertThat(status.nextClose()).isEqualTo(Instant.parse("2026-03-18T20:00:00Z"));
    assertThat(status.nextOpen()).isEqualTo(Instant.parse("2026-03-19T13:30:00Z"));
    assertThat(status.asOf()).isEqualTo(ny("2026-03-18T11:00"));
  }

  @Test
  void givenPreMarket_status_opensAndClosesToday() {
    MarketStatus status = calendar.status(Exchange.XNYS, ny("2026-03-18T08:00"));
    assertThat(status.session()).isEqualTo(MarketSession.PRE);
    assertThat(status.isOpen()).isFalse();
    assertThat(status.nextOpen()).isEqualTo(Instant.parse("2026-03-18T13:30:00Z"));
    assertThat(status.nextClose()).isEqualTo(Instant.parse("2026-03-18T20:00:00Z"));
  }

  @Test
  void givenWeekend_status_isClosedForTheWeekendUntilMonday() {
    for (String at : List.of("2026-03-14T12:00", "2026-03-15T23:59")) {
      MarketStatus status = calendar.status(Exchange.XNYS, ny(at));
      assertThat(status.session()).isEqualTo(MarketSession.CLOSED);
      assertThat(status.isOpen()).isFalse();
      assertThat(status.reason()).isEqualTo("weekend");
      assertThat(status.nextOpen()).isEqualTo(ny("2026-03-16T09:30"));
      assertThat(status.nextClose()).isEqualTo(ny("2026-03-16T16:00"));
    }
  }

  @Test
  void givenDstStartOn20260308_utcOpen_movesFrom1430To1330() {
    assertThat(calendar.session(Instant.parse("2026-03-06T14:29:59Z")))
        .isEqualTo(MarketSession.PRE);
    assertThat(calendar.session(Instant.parse("2026-03-06T14:30:00Z")))
        .isEqualTo(MarketSession.REGULAR);
    assertThat(calendar.session(Instant.parse("2026-03-06T21:00:00Z")))
        .isEqualTo(MarketSession.POST);
    MarketStatus friday = calendar.status(Exchange.XNYS, Instant.parse("2026-03-06T21:30:00Z"));
    assertThat(friday.nextOpen()).isEqualTo(Instant.parse("2026-03-09T13:30:00Z"));
    assertThat(friday.nextClose()).isEqualTo(Instant.parse("2026-03-09T20:00:00Z"));
    assertThat(calendar.session(Instant.parse("2026-03-09T13:29:59Z")))
        .isEqualTo(MarketSession.PRE);
    assertThat(calendar.session(Instant.parse("2026-03-09T13:30:00Z")))
        .isEqualTo(MarketSession.REGULAR);
    assertThat(calendar.session(Instant.parse("2026-03-09T08:00:00Z")))
        .isEqualTo(MarketSession.PRE);
  }

  @Test
  void givenDstEndOn20261101_utcOpen_movesFrom1330To1430() {
    MarketStatus friday = calendar.status(Exchange.XNYS, Instant.parse("2026-10-30T21:00:00Z"));
    assertThat(friday.session()).isEqualTo(MarketSession.POST);
    assertThat(friday.nextOpen()).isEqualTo(Instant.parse("2026-11-02T14:30:00Z"));
    assertThat(friday.nextClose()).isEqualTo(Instant.parse("2026-11-02T21:00:00Z"));
    assertThat(calendar.session(Instant.parse("2026-11-02T14:29:59Z")))
        .isEqualTo(MarketSession.PRE);
    assertThat(calendar.session(Instant.parse("2026-11-02T14:30:00Z")))
        .isEqualTo(MarketSession.REGULAR);
    assertThat(calendar.session(Instant.parse("2026-11-02T21:00:00Z")))
        .isEqualTo(MarketSession.POST);
    // 20:00 EST on 2026-11-02 is 01:00Z on the 3rd.
    assertThat(calendar.session(Instant.parse("2026-11-03T00:59:59Z")))
        .isEqualTo(MarketSession.POST);
    assertThat(calendar.session(Instant.parse("2026-11-03T01:00:00Z")))
        .isEqualTo(MarketSession.CLOSED);
  }

  @Test
  void givenFridayAfterCloseBeforeMondayHoliday_nextOpen_isTuesday() {
    MarketStatus status = calendar.status(Exchange.XNYS, ny("2026-01-16T17:00"));
    assertThat(status.session()).isEqualTo(MarketSession.POST);
    assertThat(status.reason()).isNull();
    assertThat(status.nextOpen()).isEqualTo(Instant.parse("2026-01-20T14:30:00Z"));
    assertThat(status.nextClose()).isEqualTo(Instant.parse("2026-01-20T21:00:00Z"));
  }

  @Test
  void givenEveOfThanksgiving_nextSession_isTheEarlyCloseFriday() {
    MarketStatus status = calendar.status(Exchange.XNYS, ny("2026-11-25T20:00"));
    assertThat(status.session()).isEqualTo(MarketSession.CLOSED);
    assertThat(status.nextOpen()).isEqualTo(ny("2026-11-27T09:30"));
    assertThat(status.nextClose()).isEqualTo(ny("2026-11-27T13:00"));
  }

  @Test
  void givenInstantsOutsideTheTable_calendar_saysItDoesNotKnow() {
    Instant before = ny("2024-12-31T23:59:59");
    Instant after = ny("2028-01-01T00:00");
    for (Instant at : List.of(before, after)) {
      assertThat(calendar.covers(at)).isFalse();
      assertThatThrownBy(() -> calendar.status(Exchange.XNYS, at))
          .isInstanceOfSatisfying(
              CalendarUnknown.class,
              e -> {
                assertThat(e.field()).isEqualTo("at");
                assertThat(e.firstDay()).isEqualTo(LocalDate.of(2025, 1, 1));
                assertThat(e.lastDay()).isEqualTo(LocalDate.of(2027, 12, 31));
              })
          .hasMessageContaining("2025-01-01")
          .hasMessageContaining("2027-12-31");
      assertThatThrownBy(() -> calendar.session(at)).isInstanceOf(CalendarUnknown.class);
      assertThat(calendar.regularSessionOpen(at)).isFalse();
    }
    assertThat(calendar.covers(ny("2025-01-01T00:00"))).isTrue();
    assertThat(calendar.covers(ny("2027-12-31T23:59:59"))).isTrue();
    assertThat(calendar.firstDay()).isEqualTo(LocalDate.of(2025, 1, 1));
    assertThat(calendar.lastDay()).isEqualTo(LocalDate.of(2027, 12, 31));
  }

  @Test
  void givenLastSessionOfTheTable_nextOpenAndClose_areNullRatherThanGuessed() {
    MarketStatus status = calendar.status(Exchange.XNYS, ny("2027-12-31T17:00"));
    assertThat(status.session()).isEqualTo(MarketSession.POST);
    assertThat(status.nextOpen()).isNull();
    assertThat(status.nextClose()).isNull();
    MarketStatus open = calendar.status(Exchange.XNYS, ny("2027-12-31T10:00"));
    assertThat(open.nextClose()).isEqualTo(ny("2027-12-31T16:00"));
    assertThat(open.nextOpen()).isNull();
  }

  @Test
  void regularSessionOpen_isTrueOnlyInTheRegularSession() {
    assertThat(calendar.regularSessionOpen(ny("2026-03-18T09:30"))).isTrue();
    assertThat(calendar.regularSessionOpen(ny("2026-03-18T09:29"))).isFalse();
    assertThat(calendar.regularSessionOpen(ny("2026-11-26T12:00"))).isFalse();
  }

  static Instant ny(String localDateTime) {
    return LocalDateTime.parse(localDateTime).atZone(NEW_YORK).toInstant();
  }
}
