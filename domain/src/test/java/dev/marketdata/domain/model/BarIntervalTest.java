package dev.marketdata.domain.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marketdata.domain.failure.InvalidInput;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class BarIntervalTest {
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  @Test
  void givenEachLabel_parse_returnsItsInterval() {
    assertThat(BarInterval.parse("1m")).isEqualTo(BarInterval.ONE_MINUTE);
    assertThat(BarInterval.parse("5m")).isEqualTo(BarInterval.FIVE_MINUTES);
    assertThat(BarInterval.parse("15m")).isEqualTo(BarInterval.FIFTEEN_MINUTES);
    assertThat(BarInterval.parse("1h")).isEqualTo(BarInterval.ONE_HOUR);
    assertThat(BarInterval.parse("1d")).isEqualTo(BarInterval.ONE_DAY);
  }

  @Test
  void givenAnUnknownLabel_parse_failsNamingInterval() {
    for (String bad : new String[] {"2m", "1M", "60s", "", " 1m", "1w"}) {
      assertThatThrownBy(() -> BarInterval.parse(bad))
          .isInstanceOf(InvalidInput.class)
          .extracting(e -> ((InvalidInput) e).field())
          .isEqualTo("interval");
    }
    assertThatThrownBy(() -> BarInterval.parse(null)).isInstanceOf(InvalidInput.class);
  }

  @Test
  void intradayBuckets_areAlignedToTheUtcEpoch() {
    Instant t = Instant.parse("2026-11-30T14:37:42.123Z");
    assertThat(BarInterval.ONE_MINUTE.bucketStart(t, NEW_YORK))
        .isEqualTo(Instant.parse("2026-11-30T14:37:00Z"));
    assertThat(BarInterval.FIVE_MINUTES.bucketStart(t, NEW_YORK))
        .isEqualTo(Instant.parse("2026-11-30T14:35:00Z"));
    assertThat(BarInterval.FIFTEEN_MINUTES.bucketStart(t, NEW_YORK))
        .isEqualTo(Instant.parse("2026-11-30T14:30:00Z"));
    assertThat(BarInterval.ONE_HOUR.bucketStart(t, NEW_YORK))
        .isEqualTo(Instant.parse("2026-11-30T14:00:00Z"));
    assertThat(BarInterval.FIVE_MINUTES.bucketEnd(Instant.parse("2026-11-30T14:35:00Z"), NEW_YORK))
        .isEqualTo(Instant.parse("2026-11-30T14:40:00Z"));
    // A bucket start belongs to its own bucket; the end is the next one's.
    Instant start = Instant.parse("2026-11-30T14:35:00Z");
    assertThat(BarInterval.FIVE_MINUTES.bucketStart(start, NEW_YORK)).isEqualTo(start);
    assertThat(BarInterval.ONE_MINUTE.bucketStart(Instant.parse("1969-12-31T23:59:30Z"), NEW_YORK))
        .isEqualTo(Instant.parse("1969-12-31T23:59:00Z"));
  }

  @Test
  void dailyBuckets_areNewYorkCalendarDays() {
    // 23:30 in New York on 29 November is 04:30Z on the 30th.
    assertThat(BarInterval.ONE_DAY.bucketStart(Instant.parse("2026-11-30T04:30:00Z"), NEW_YORK))
        .isEqualTo(Instant.parse("2026-11-29T05:00:00Z"));
    assertThat(BarInterval.ONE_DAY.bucketStart(Instant.parse("2026-11-30T05:00:00Z"), NEW_YORK))
        .isEqualTo(Instant.parse("2026-11-30T05:00:00Z"));
  }

  @Test
  void theDaysClocksChange_last23And25Hours() {
    Instant springForward = Instant.parse("2026-03-08T05:00:00Z");
    Instant fallBack = Instant.parse("2026-11-01T04:00:00Z");
    assertThat(BarInterval.ONE_DAY.bucketStart(Instant.parse("2026-03-08T12:00:00Z"), NEW_YORK))
        .isEqualTo(springForward);
    assertThat(
            Duration.between(springForward, BarInterval.ONE_DAY.bucketEnd(springForward, NEW_YORK)))
        .isEqualTo(Duration.ofHours(23));
    assertThat(BarInterval.ONE_DAY.bucketStart(Instant.parse("2026-11-02T04:59:59Z"), NEW_YORK))
        .isEqualTo(fallBack);
    assertThat(Duration.between(fallBack, BarInterval.ONE_DAY.bucketEnd(fallBack, NEW_YORK)))
        .isEqualTo(Duration.ofHours(25));
  }

  @Test
  void ceil_isTheFirstBucketStartAtOrAfter() {
    assertThat(BarInterval.ONE_HOUR.ceil(Instant.parse("2026-11-30T14:00:00Z"), NEW_YORK))
        .isEqualTo(Instant.parse("2026-11-30T14:00:00Z"));
    assertThat(BarInterval.ONE_HOUR.ceil(Instant.parse("2026-11-30T14:00:00.001Z"), NEW_YORK))
        .isEqualTo(Instant.parse("2026-11-30T15:00:00Z"));
    assertThat(BarInterval.ONE_DAY.ceil(Instant.parse("2026-03-08T06:00:00Z"), NEW_YORK))
        .isEqualTo(Instant.parse("2026-03-09T04:00:00Z"));
  }

  @Test
  void minus_stepsBackWholeIntervalsOrCalendarDays() {
    Instant t = Instant.parse("2026-03-09T04:00:00Z");
    assertThat(BarInterval.FIFTEEN_MINUTES.minus(t, 4, NEW_YORK))
        .isEqualTo(Instant.parse("2026-03-09T03:00:00Z"));
    assertThat(BarInterval.ONE_DAY.minus(t, 1, NEW_YORK))
        .isEqualTo(Instant.parse("2026-03-08T05:00:00Z"));
  }
}
