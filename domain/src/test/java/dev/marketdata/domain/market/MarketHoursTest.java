package dev.marketdata.domain.market;

import static dev.marketdata.domain.market.TradingCalendarTest.ny;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marketdata.domain.failure.InvalidInput;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What each {@link MarketHours} lets a poll job do, via allows, nextAllowed, allowedWithin. */
class MarketHoursTest {
  private final TradingCalendar calendar = TradingCalendar.usEquities();

  @Test
  void always_allowsEveryInstantAndCountsTheWholeSpan() {
    Instant saturday = ny("2026-03-14T12:00");
    assertThat(calendar.allows(MarketHours.ALWAYS, saturday)).isTrue();
    assertThat(calendar.nextAllowed(MarketHours.ALWAYS, saturday)).isEmpty();
    assertThat(
            calendar.allowedWithin(
                MarketHours.ALWAYS, ny("2026-03-16T00:00"), ny("2026-03-23T00:00")))
        .isEqualTo(Duration.ofDays(7));
  }

  @Test
  void regular_allowsOnlyTheRegularSession() {
    assertThat(calendar.allows(MarketHours.REGULAR, ny("2026-03-18T09:29:59"))).isFalse();
    assertThat(calendar.allows(MarketHours.REGULAR, ny("2026-03-18T09:30"))).isTrue();
    assertThat(calendar.allows(MarketHours.REGULAR, ny("2026-03-18T16:00"))).isFalse();
    assertThat(calendar.allows(MarketHours.REGULAR, ny("2026-11-26T12:00"))).isFalse();
    assertThat(calendar.nextAllowed(MarketHours.REGULAR, ny("2026-03-18T10:00"))).isEmpty();
    assertThat(calendar.nextAllowed(MarketHours.REGULAR, ny("2026-03-14T12:00")))
        .contains(ny("2026-03-16T09:30"));
    assertThat(calendar.nextAllowed(MarketHours.REGULAR, ny("2026-03-18T05:00")))
        .contains(ny("2026-03-18T09:30"));
    assertThat(calendar.nextAllowed(MarketHours.REGULAR, ny("2026-11-25T16:00")))
        .contains(ny("2026-11-27T09:30"));
  }

  @Test
  void extended_allowsPreRegularAndPostSessions() {
    assertThat(calendar.allows(MarketHours.EXTENDED, ny("2026-03-18T03:59:59"))).isFalse();
    assertThat(calendar.allows(MarketHours.EXTENDED, ny("2026-03-18T04:00"))).isTrue();
    assertThat(calendar.allows(MarketHours.EXTENDED, ny("2026-03-18T19:59:59"))).isTrue();
    assertThat(calendar.allows(MarketHours.EXTENDED, ny("2026-03-18T20:00"))).isFalse();
    assertThat(calendar.allows(MarketHours.EXTENDED, ny("2026-11-27T17:00"))).isFalse();
    assertThat(calendar.nextAllowed(MarketHours.EXTENDED, ny("2026-03-18T05:00"))).isEmpty();
    assertThat(calendar.nextAllowed(MarketHours.EXTENDED, ny("2026-03-18T20:00")))
        .contains(ny("2026-03-19T04:00"));
    assertThat(calendar.nextAllowed(MarketHours.EXTENDED, ny("2026-01-16T20:00")))
        .contains(ny("2026-01-20T04:00"));
  }

  @Test
  void allowedWithin_countsOnlyTheSessionsAHoursValueAllows() {
    Instant monday = ny("2026-03-16T00:00");
    Instant nextMonday = ny("2026-03-23T00:00");
    assertThat(calendar.allowedWithin(MarketHours.REGULAR, monday, nextMonday))
        .isEqualTo(Duration.ofMinutes(5 * 390));
    assertThat(calendar.allowedWithin(MarketHours.EXTENDED, monday, nextMonday))
        .isEqualTo(Duration.ofHours(5 * 16));
    // Thanksgiving week: Thursday closed, Friday 09:30-13:00 regular and 04:00-17:00 extended.
    Instant thanksgivingWeek = ny("2026-11-23T00:00");
    Instant after = ny("2026-11-30T00:00");
    assertThat(calendar.allowedWithin(MarketHours.REGULAR, thanksgivingWeek, after))
        .isEqualTo(Duration.ofMinutes(3 * 390 + 210));
    assertThat(calendar.allowedWithin(MarketHours.EXTENDED, thanksgivingWeek, after))
        .isEqualTo(Duration.ofHours(3 * 16 + 13));
    // Partial overlap: from 15:00 to 16:30 one day holds one regular hour.
    assertThat(
            calendar.allowedWithin(
                MarketHours.REGULAR, ny("2026-03-18T15:00"), ny("2026-03-18T16:30")))
        .isEqualTo(Duration.ofHours(1));
    assertThat(
            calendar.allowedWithin(
                MarketHours.REGULAR, ny("2026-03-18T16:30"), ny("2026-03-18T15:00")))
        .isZero();
  }

  @Test
  void allowedWithin_acrossBothDstSwitchesOf2026_countsWallClockSessions() {
    // The weeks holding Sunday 2026-03-08 (a 23-hour day) and Sunday 2026-11-01 (25 hours).
    for (String monday : new String[] {"2026-03-02", "2026-10-26"}) {
      Instant from = ny(monday + "T00:00");
      Instant to = ny(java.time.LocalDate.parse(monday).plusWeeks(1) + "T00:00");
      assertThat(calendar.allowedWithin(MarketHours.REGULAR, from, to))
          .as(monday)
          .isEqualTo(Duration.ofMinutes(5 * 390));
      assertThat(calendar.allowedWithin(MarketHours.EXTENDED, from, to))
          .as(monday)
          .isEqualTo(Duration.ofHours(5 * 16));
      assertThat(calendar.allowedWithin(MarketHours.ALWAYS, from, to))
          .as(monday)
          .isEqualTo(Duration.ofHours(monday.startsWith("2026-03") ? 167 : 169));
    }
  }

  @Test
  void outsideTheTable_allowsEverything_becauseTheCalendarDoesNotGuess() {
    Instant after = ny("2028-01-03T03:00");
    assertThat(calendar.allows(MarketHours.REGULAR, after)).isTrue();
    assertThat(calendar.nextAllowed(MarketHours.REGULAR, after)).isEmpty();
    // The last regular session, then 12 unknown hours of 2028 that count in full.
    assertThat(
            calendar.allowedWithin(
                MarketHours.REGULAR, ny("2027-12-31T00:00"), ny("2028-01-01T12:00")))
        .isEqualTo(Duration.ofMinutes(390 + 12 * 60));
    // After the table's last session, polling resumes where the table ends.
    assertThat(calendar.nextAllowed(MarketHours.EXTENDED, ny("2027-12-31T21:00")))
        .contains(ny("2028-01-01T00:00"));
  }

  @Test
  void parse_acceptsWireNamesAndRejectsOthersNamingTheField() {
    assertThat(MarketHours.parse("market_hours", "regular")).isEqualTo(MarketHours.REGULAR);
    assertThat(MarketHours.parse("market_hours", "extended")).isEqualTo(MarketHours.EXTENDED);
    assertThatThrownBy(() -> MarketHours.parse("market_hours", "REGULAR"))
        .isInstanceOf(InvalidInput.class);
    assertThatThrownBy(() -> MarketHours.parse("market_hours", null))
        .isInstanceOf(InvalidInput.class)
        .hasMessageContaining("market_hours");
    assertThat(MarketHours.ALWAYS.wire()).isEqualTo("always");
    assertThat(MarketSession.POST.wire()).isEqualTo("post");
    assertThatThrownBy(() -> MarketHours.parse("market_hours", "weekends"))
        .isInstanceOfSatisfying(
            InvalidInput.class, e -> assertThat(e.field()).isEqualTo("market_hours"));
    assertThat(Exchange.parse("exchange", "xnas")).isEqualTo(Exchange.XNAS);
    assertThatThrownBy(() -> Exchange.parse("exchange", "XLON"))
        .isInstanceOfSatisfying(
            InvalidInput.class, e -> assertThat(e.field()).isEqualTo("exchange"))
        .hasMessageContaining("XNYS");
  }
}
