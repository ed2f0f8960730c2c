package dev.marketdata.domain.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PollJobTest {
  private static final Instant T0 = Instant.parse("2024-03-20T10:00:00Z");

  private static PollJob job(int intervalSeconds) {
    return PollJob.start(
        UUID.randomUUID(),
        List.of(Symbol.of("AAPL"), Symbol.of("MSFT")),
        Duration.ofSeconds(intervalSeconds),
        ProviderId.FINNHUB,
        T0);
  }

  @Test
  void newJob_isActiveAndDueAtOnce() {
    PollJob job = job(60);
    assertThat(job.active()).isTrue();
    assertThat(job.nextRunAt()).isEqualTo(T0);
    assertThat(job.lastRun()).isEmpty();
  }

  @Test
  void givenSuccessfulRun_nextRun_keepsTheCadence() {
    PollJob after = job(60).afterRun(T0.plusMillis(300), null, false, null);
    assertThat(after.nextRunAt()).isEqualTo(T0.plusSeconds(60));
    assertThat(after.runCount()).isEqualTo(1);
    assertThat(after.error()).isEmpty();
  }

  @Test
  void givenLateRun_nextRun_doesNotQueueMissedTicks() {
    PollJob after = job(10).afterRun(T0.plusSeconds(35), null, false, null);
    assertThat(after.nextRunAt()).isEqualTo(T0.plusSeconds(45));
  }

  @Test
  void givenRepeatedTotalFailures_backoff_doublesUpToTheCap() {
    PollJob job = job(10);
    PollJob first = job.afterRun(T0, "boom", true, null);
    PollJob second = first.afterRun(T0, "boom", true, null);
    PollJob third = second.afterRun(T0, "boom", true, null);
    assertThat(first.nextRunAt()).isEqualTo(T0.plusSeconds(10));
    assertThat(second.nextRunAt()).isEqualTo(T0.plusSeconds(20));
    assertThat(third.nextRunAt()).isEqualTo(T0.plusSeconds(40));
    assertThat(job.backoff(10)).isEqualTo(PollJob.MAX_BACKOFF);
    assertThat(third.errorCount()).isEqualTo(3);
    assertThat(third.active()).isTrue();
  }

  @Test
  void givenRetryAfterLongerThanBackoff_failure_waitsForTheProvider() {
    PollJob after = job(1).afterRun(T0, "throttled", true, Duration.ofSeconds(30));
    assertThat(after.nextRunAt()).isEqualTo(T0.plusSeconds(30));
  }

  @Test
  void givenPartialFailure_job_keepsItsScheduleAndRecordsTheError() {
    PollJob after = job(60).afterRun(T0, "MSFT: not found", false, null);
    assertThat(after.nextRunAt()).isEqualTo(T0.plusSeconds(60));
    assertThat(after.error()).contains("MSFT: not found");
    assertThat(after.consecutiveFailures()).isZero();
  }

  @Test
  void successAfterFailures_clearsTheError() {
    PollJob after = job(60).afterRun(T0, "boom", true, null).afterRun(T0, null, false, null);
    assertThat(after.error()).isEmpty();
    assertThat(after.consecutiveFailures()).isZero();
  }
}
