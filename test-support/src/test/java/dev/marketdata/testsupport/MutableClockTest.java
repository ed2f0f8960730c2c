package dev.marketdata.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MutableClockTest {
  private static final Instant START = Instant.parse("2024-03-01T00:00:00Z");

  @Test
  void givenAdvancesFromFourThreadsAtOnce_instant_countsEveryOne() throws Exception {
    MutableClock clock = new MutableClock(START);
    ExecutorService threads = Executors.newFixedThreadPool(4);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<?>> done = new ArrayList<>();
    try {
      for (int t = 0; t < 4; t++) {
        done.add(
            threads.submit(
                () -> {
                  go.await();
                  for (int i = 0; i < 50_000; i++) {
                    clock.advance(Duration.ofMillis(1));
                  }
                  return null;
                }));
      }
      go.countDown();
      for (Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      threads.shutdownNow();
    }

    assertThat(clock.instant()).isEqualTo(START.plusSeconds(200));
    assertThat(clock.millis()).isEqualTo(START.plusSeconds(200).toEpochMilli());
  }
}
