package dev.marketdata.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class MutableClockTest {
  private static final Instant START = Instant.parse("2024-03-01T00:00:00Z");

  @Test
  void givenAdvancesFromManyThreads_instant_countsEveryOne() {
    MutableClock clock = new MutableClock(START);

    IntStream.range(0, 1000).parallel().forEach(i -> clock.advance(Duration.ofMillis(1)));

    assertThat(clock.instant()).isEqualTo(START.plusSeconds(1));
    assertThat(clock.millis()).isEqualTo(START.plusSeconds(1).toEpochMilli());
  }
}
