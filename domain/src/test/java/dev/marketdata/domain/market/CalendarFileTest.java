package dev.marketdata.domain.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The data file itself, and the loader's refusal of malformed files. */
class CalendarFileTest {
  private static final LocalDate FIRST = LocalDate.of(2025, 1, 1);
  private static final LocalDate LAST = LocalDate.of(2027, 12, 31);

  @Test
  void bundledFile_datesAreWeekdaysInsideTheTableAndItNamesItsSource() throws IOException {
    List<String> lines;
    try (InputStream in =
        CalendarFile.class.getResourceAsStream(TradingCalendar.US_EQUITIES_FILE)) {
      lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }
    assertThat(String.join("\n", lines))
        .contains("https://www.nyse.com/markets/hours-calendars")
        .contains("National Day of Mourning");
    List<LocalDate> dates =
        lines.stream()
            .filter(l -> l.matches("\\d{4}-\\d{2}-\\d{2},.*"))
            .map(l -> LocalDate.parse(l.substring(0, 10)))
            .toList();
    assertThat(dates).hasSize(37);
    assertThat(dates)
        .allSatisfy(
            d -> {
              assertThat(d).isBetween(FIRST, LAST);
              assertThat(d.getDayOfWeek()).isNotIn(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
            });
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "date,kind,name;2026-13-01,full-day-closed,X | line 2: date must be YYYY-MM-DD",
        "date,kind,name;2026-11-26,holiday,X | line 2: kind must be full-day-closed or early-close",
        "date,kind,name;2026-11-26,full-day-closed | line 2: expected date,kind,name",
        "date,kind,name;2026-11-26,full-day-closed, | line 2: name is empty",
        "date,kind,name;2026-11-28,full-day-closed,X | line 2: date 2026-11-28 is a SATURDAY",
        "date,kind,name;2028-01-03,full-day-closed,X | line 2: date 2028-01-03 is outside",
        "date,kind,name;2026-11-26,full-day-closed,X;2026-11-26,early-close,Y | line 3: date 2026-11-26 appears twice",
        "# only a comment;2026-11-26,full-day-closed,X | line 2: expected the header",
        "# nothing else | no \"date,kind,name\" header",
      })
  void givenMalformedFile_parse_failsNamingFileLineAndProblem(String content, String message) {
    List<String> lines = List.of(content.split(";"));
    assertThatThrownBy(() -> CalendarFile.parse("test.csv", lines, FIRST, LAST))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("test.csv")
        .hasMessageContaining(message);
  }

  @Test
  void givenQuotedNameWithComma_parse_keepsTheWholeName() {
    var days =
        CalendarFile.parse(
            "test.csv",
            List.of("date,kind,name", "2026-01-19,full-day-closed,\"Martin Luther King, Jr. Day\""),
            FIRST,
            LAST);
    assertThat(days.get(LocalDate.of(2026, 1, 19)).name()).isEqualTo("Martin Luther King, Jr. Day");
  }
}
