package dev.marketdata.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marketdata.domain.model.BackfillJob;
import dev.marketdata.domain.model.BackfillJobStatus;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.Symbol;
import dev.marketdata.testsupport.Await;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PgStoreExtension.class)
class PgBackfillJobRepositoryIT {
  static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
  static final Duration LEASE = Duration.ofSeconds(30);

  private final PgTestStore store;
  private PgBackfillJobRepository jobs;

  PgBackfillJobRepositoryIT(PgTestStore store) {
    this.store = store;
  }

  @BeforeEach
  void empty() {
    store.execute("TRUNCATE backfill_jobs");
    jobs = new PgBackfillJobRepository(store.pool);
  }

  static BackfillJob job() {
    return BackfillJob.accept(
        UUID.randomUUID(),
        List.of(Symbol.of("AAPL"), Symbol.of("MSFT")),
        ProviderId.SIMULATED,
        LocalDate.parse("2026-01-02"),
        LocalDate.parse("2026-11-27"),
        NOW);
  }

  @Test
  void createdJob_isFoundWithItsProgress() {
    BackfillJob job = Await.result(jobs.create(job()));

    assertThat(Await.result(jobs.find(job.id()))).contains(job);
  }

  @Test
  void aLeasedJob_isNotClaimedByAnotherOwnerUntilTheLeaseExpires() {
    BackfillJob job = Await.result(jobs.create(job()));

    assertThat(Await.result(jobs.claimDue(NOW, 10, "a", LEASE)))
        .extracting(BackfillJob::id)
        .containsExactly(job.id());
    assertThat(Await.result(jobs.claimDue(NOW.plusSeconds(5), 10, "b", LEASE))).isEmpty();

    Instant expired = NOW.plus(LEASE);
    assertThat(Await.result(jobs.claimDue(expired, 10, "b", LEASE)))
        .extracting(BackfillJob::id)
        .containsExactly(job.id());
    // The first owner lost it: its saves are refused.
    BackfillJob progressed = job.running(expired).symbolDone(Symbol.of("AAPL"), 3, expired);
    assertThat(Await.result(jobs.saveProgress(progressed, "a", expired, LEASE))).isFalse();
    assertThat(Await.result(jobs.saveProgress(progressed, "b", expired, LEASE))).isTrue();
    assertThat(Await.result(jobs.find(job.id())).orElseThrow().progress())
        .isEqualTo(progressed.progress());
  }

  @Test
  void twoClaimersAtOnce_getTheJobOnce() {
    BackfillJob job = Await.result(jobs.create(job()));
    io.vertx.sqlclient.Pool otherPool = store.newPool();
    PgBackfillJobRepository other = new PgBackfillJobRepository(otherPool);

    var a = jobs.claimDue(NOW, 10, "a", LEASE).toCompletableFuture();
    var b = other.claimDue(NOW, 10, "b", LEASE).toCompletableFuture();

    int claimed = Await.result(a).size() + Await.result(b).size();
    assertThat(claimed).isEqualTo(1);
    assertThat(job.id()).isNotNull();
    Await.result(otherPool.close().toCompletionStage());
  }

  @Test
  void releasedFinishedJob_isNeverClaimedAgain_andAPausedOneOnlyWhenDue() {
    BackfillJob job = Await.result(jobs.create(job()));
    Await.result(jobs.claimDue(NOW, 10, "a", LEASE));
    BackfillJob paused = job.running(NOW).pausedUntil(NOW.plusSeconds(60), "throttled", NOW);
    assertThat(Await.result(jobs.release(paused, "a"))).isTrue();

    assertThat(Await.result(jobs.claimDue(NOW.plusSeconds(59), 10, "b", LEASE))).isEmpty();
    List<BackfillJob> due = Await.result(jobs.claimDue(NOW.plusSeconds(60), 10, "b", LEASE));
    assertThat(due).hasSize(1);

    Instant later = NOW.plusSeconds(61);
    BackfillJob done =
        due.get(0)
            .symbolDone(Symbol.of("AAPL"), 10, later)
            .symbolFailed(Symbol.of("MSFT"), "not found", later);
    assertThat(done.status()).isEqualTo(BackfillJobStatus.COMPLETED);
    assertThat(Await.result(jobs.release(done, "b"))).isTrue();
    assertThat(Await.result(jobs.claimDue(later.plusSeconds(3600), 10, "c", LEASE))).isEmpty();
    assertThat(Await.result(jobs.find(job.id())).orElseThrow()).isEqualTo(done);
  }
}
