package dev.marketdata.adapter.persistence;

import static dev.marketdata.testsupport.Await.result;
import static dev.marketdata.testsupport.Samples.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.marketdata.domain.model.PollJob;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.Symbol;
import dev.marketdata.domain.port.PollJobRepository;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Two replicas, each with its own pool, claiming the same due jobs at the same time. */
@ExtendWith(PgStoreExtension.class)
class PgPollJobConcurrencyIT {
  private static PgTestStore store;

  @BeforeAll
  static void start(PgTestStore shared) {
    store = shared;
  }

  @Test
  void givenTwoReplicasClaimingConcurrently_claimDue_neverGivesOneJobToBoth() throws Exception {
    store.emptyPorts();
    List<UUID> created = new ArrayList<>();
    PollJobRepository setup = new PgPollJobRepository(store.pool);
    for (int i = 0; i < 60; i++) {
      PollJob job =
          PollJob.start(
              UUID.randomUUID(),
              List.of(Symbol.of("AAPL")),
              Duration.ofSeconds(5),
              ProviderId.SIMULATED,
              T0.minusMillis(i));
      created.add(result(setup.create(job)).id());
    }
    Pool poolA = store.newPool();
    Pool poolB = store.newPool();
    List<UUID> claimed = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService threads = Executors.newFixedThreadPool(6);
    try {
      List<Callable<Void>> claimers = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        PollJobRepository repo = new PgPollJobRepository(i % 2 == 0 ? poolA : poolB);
        String owner = (i % 2 == 0 ? "replica-a-" : "replica-b-") + i;
        claimers.add(
            () -> {
              go.await(30, TimeUnit.SECONDS);
              List<PollJob> got;
              do {
                got = result(repo.claimDue(T0, 4, owner, Duration.ofMinutes(5)));
                got.forEach(j -> claimed.add(j.id()));
              } while (!got.isEmpty());
              return null;
            });
      }
      List<Future<Void>> running = new ArrayList<>();
      for (Callable<Void> c : claimers) {
        running.add(threads.submit(c));
      }
      go.countDown();
      for (Future<Void> f : running) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      threads.shutdownNow();
      result(poolA.close().toCompletionStage());
      result(poolB.close().toCompletionStage());
    }

    assertThat(new HashSet<>(claimed)).hasSameSizeAs(claimed);
    assertThat(claimed).containsExactlyInAnyOrderElementsOf(created);
    assertThat(
            store
                .query("SELECT count(*) FROM poll_jobs WHERE lease_owner IS NULL")
                .get(0)
                .getLong(0))
        .isZero();
  }
}
