package dev.marketdata.application.poll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marketdata.application.testing.FakeBacklog;
import dev.marketdata.application.testing.ManualDelay;
import dev.marketdata.domain.failure.InvalidInput;
import dev.marketdata.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The valve's marks, its cadence of reads, and what an unreadable backlog means. */
class BackpressureTest {
  private static final Duration EVERY = Duration.ofMillis(500);

  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-30T10:00:00Z"));
  private final ManualDelay delay = new ManualDelay(clock);
  private final FakeBacklog backlog = new FakeBacklog();
  private final Backpressure valve =
      new Backpressure(backlog, new BackpressureSettings(1000, 500, EVERY), clock, delay);

  @Test
  void givenBacklogBelowHigh_awaitOpen_completesAtOnce() {
    backlog.set(999);

    assertThat(valve.awaitOpen()).isDone();
    assertThat(valve.backlogSeen()).isEqualTo(999);
    assertThat(valve.waits()).isZero();
  }

  @Test
  void givenBacklogAtHigh_chunk_waitsUntilTheBacklogIsDownToLow() {
    backlog.set(1000);
    CompletableFuture<Void> chunk = valve.awaitOpen();
    assertThat(chunk).isNotDone();

    backlog.set(501); // below high but above low: still held (hysteresis)
    delay.advance(EVERY);
    assertThat(chunk).isNotDone();
    assertThat(valve.awaitOpen()).as("a later chunk waits as well").isNotDone();

    backlog.set(500);
    delay.advance(EVERY);
    assertThat(chunk).isCompleted();
    assertThat(valve.waits()).isEqualTo(2);
    assertThat(valve.secondsWaited()).isEqualTo(1.0 + 0.5);
    assertThat(valve.backlogSeen()).isEqualTo(500);
  }

  @Test
  void givenOpenAgain_chunksGo_untilTheBacklogReachesHighAgain() {
    backlog.set(2000);
    valve.awaitOpen();
    backlog.set(100);
    delay.advance(EVERY);

    backlog.set(999);
    delay.advance(EVERY);
    assertThat(valve.awaitOpen()).as("between the marks after opening: open").isDone();
  }

  @Test
  void givenManyChunksWithinOneCadence_theBacklog_isReadOnce() {
    backlog.set(10);
    for (int i = 0; i < 50; i++) {
      valve.awaitOpen();
    }
    assertThat(backlog.reads()).isOne();

    delay.advance(EVERY);
    valve.awaitOpen();
    assertThat(backlog.reads()).isEqualTo(2);
  }

  @Test
  void givenAnIdlePoller_theBacklog_isNotRead() {
    backlog.set(10);
    valve.awaitOpen();

    delay.advance(Duration.ofMinutes(1));

    assertThat(backlog.reads()).isOne();
    assertThat(delay.pending()).isZero();
  }

  @Test
  void givenAnUnreadableBacklog_chunks_goOn_andTheReadingIsCountedAsUnknown() {
    backlog.set(5000);
    CompletableFuture<Void> held = valve.awaitOpen();
    backlog.fail(new IllegalStateException("database away"));

    delay.advance(EVERY);

    assertThat(held).as("unknown never holds polling back").isCompleted();
    assertThat(valve.awaitOpen()).isDone();
    assertThat(valve.unknownReadings()).isOne();
    assertThat(valve.backlogSeen()).isEqualTo(-1);
  }

  @Test
  void givenEveryWaiterGaveUp_theTimer_stopsReading() {
    backlog.set(5000);
    CompletableFuture<Void> held = valve.awaitOpen();
    held.cancel(false);

    delay.advance(EVERY.multipliedBy(10));

    assertThat(backlog.reads()).as("the first read only").isOne();
    assertThat(delay.pending()).isZero();
  }

  @Test
  void givenHighZero_theValve_neverReadsNorWaits() {
    Backpressure off =
        new Backpressure(backlog, new BackpressureSettings(0, 0, EVERY), clock, delay);
    backlog.set(Long.MAX_VALUE / 2);

    assertThat(off.awaitOpen()).isDone();
    assertThat(backlog.reads()).isZero();
  }

  @Test
  void settings_rejectALowMarkNotBelowTheHighMark_andNegativeMarks() {
    assertThatThrownBy(() -> new BackpressureSettings(100, 100, EVERY))
        .isInstanceOf(InvalidInput.class)
        .hasMessageContaining("low");
    assertThatThrownBy(() -> new BackpressureSettings(-1, 0, EVERY))
        .isInstanceOf(InvalidInput.class)
        .hasMessageContaining("high");
    assertThatThrownBy(() -> new BackpressureSettings(100, 10, Duration.ZERO))
        .isInstanceOf(InvalidInput.class)
        .hasMessageContaining("checkEvery");
  }
}
