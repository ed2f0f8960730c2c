package dev.marketdata.adapter.provider;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marketdata.domain.model.DailyBar;
import dev.marketdata.domain.model.FetchedHistory;
import dev.marketdata.domain.model.Symbol;
import dev.marketdata.domain.port.HistoryProvider;
import dev.marketdata.testsupport.MutableClock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulatedHistoryTest {
  static final LocalDate FROM = LocalDate.parse("2026-01-02");
  static final LocalDate TO = LocalDate.parse("2026-03-31");

  HistoryProvider provider(long seed) {
    MutableClock clock = new MutableClock(Instant.parse("2026-04-01T12:00:00Z"));
    return new SimulatedQuoteProvider(new SimulationConfig(seed, 0.05, 0.25, List.of()), clock)
        .history()
        .orElseThrow();
  }

  @Test
  void sameInputs_dailyHistory_givesTheSameBars() throws Exception {
    List<DailyBar> first = bars(provider(42).dailyHistory(Symbol.of("AAPL"), FROM, TO));
    List<DailyBar> second = bars(provider(42).dailyHistory(Symbol.of("AAPL"), FROM, TO));

    assertThat(withoutRaw(second)).isEqualTo(withoutRaw(first));
    assertThat(first).hasSizeGreaterThan(60);
  }

  @Test
  void aDay_isTheSameBarWhateverRangeItIsAskedIn() throws Exception {
    List<DailyBar> wide = bars(provider(42).dailyHistory(Symbol.of("AAPL"), FROM, TO));
    LocalDate day = LocalDate.parse("2026-02-10");
    List<DailyBar> narrow = bars(provider(42).dailyHistory(Symbol.of("AAPL"), day, day));

    assertThat(withoutRaw(narrow))
        .containsExactlyElementsOf(
            withoutRaw(wide.stream().filter(b -> b.day().equals(day)).toList()));
  }

  @Test
  void bars_arePlausibleWeekdaysAscending() throws Exception {
    List<DailyBar> bars = bars(provider(7).dailyHistory(Symbol.of("MSFT"), FROM, TO));

    assertThat(bars)
        .allSatisfy(
            b -> {
              assertThat(b.day().getDayOfWeek()).isNotIn(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
              assertThat(b.low()).isLessThanOrEqualTo(b.open().min(b.close()));
              assertThat(b.high()).isGreaterThanOrEqualTo(b.open().max(b.close()));
              assertThat(b.low().signum()).isPositive();
            });
    assertThat(bars).isSortedAccordingTo(java.util.Comparator.comparing(DailyBar::day));
  }

  @Test
  void daysAfterToday_areNeverGenerated() throws Exception {
    List<DailyBar> bars =
        bars(provider(42).dailyHistory(Symbol.of("AAPL"), TO, LocalDate.parse("2026-04-30")));

    // The clock says 2026-04-01 (noon UTC, morning in New York): that day is the last.
    assertThat(bars).extracting(DailyBar::day).containsExactly(TO, LocalDate.parse("2026-04-01"));
  }

  @Test
  void anotherSeed_givesOtherBars() throws Exception {
    assertThat(withoutRaw(bars(provider(1).dailyHistory(Symbol.of("AAPL"), FROM, TO))))
        .isNotEqualTo(withoutRaw(bars(provider(2).dailyHistory(Symbol.of("AAPL"), FROM, TO))));
  }

  private static List<DailyBar> bars(java.util.concurrent.CompletionStage<FetchedHistory> stage)
      throws Exception {
    FetchedHistory history = Outcomes.value(stage);
    assertThat(history.bars())
        .allSatisfy(b -> assertThat(b.rawResponseId()).isEqualTo(history.raw().id()));
    return history.bars();
  }

  private static List<DailyBar> withoutRaw(List<DailyBar> bars) {
    return bars.stream().map(b -> b.withRawResponseId(new java.util.UUID(0, 0))).toList();
  }
}
