package dev.marketdata.application.contract;

import static dev.marketdata.testsupport.Await.failure;
import static dev.marketdata.testsupport.Await.result;
import static dev.marketdata.testsupport.Samples.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.marketdata.domain.failure.InvalidInput;
import dev.marketdata.domain.market.MarketHours;
import dev.marketdata.domain.model.PollJob;
import dev.marketdata.domain.model.PollJobStatus;
import dev.marketdata.domain.model.ProviderChain;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.Symbol;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@code PollJobRepository} promises: durable jobs, one lease holder per run. */
public abstract class PollJobRepositoryContract {
  private static final Duration LEASE = Duration.ofSeconds(30);

  protected MarketDataPorts ports;

  protected abstract MarketDataPorts emptyStore();

  @BeforeEach
  void createStore() {
    ports = emptyStore();
  }

  private PollJob create(Instant createdAt) {
    return create(createdAt, ProviderId.FINNHUB);
  }

  private PollJob create(Instant createdAt, ProviderId provider) {
    PollJob job =
        PollJob.start(
            UUID.randomUUID(),
            List.of(Symbol.of("AAPL"), Symbol.of("BRK.B")),
            Duration.ofSeconds(15),
            provider,
            createdAt);
    return result(ports.pollJobs().create(job));
  }

  @Test
  void givenJobsOnTwoProviders_activeOn_returnsOnlyThatProvidersActiveJobs() {
    PollJob first = create(T0);
    PollJob second = create(T0.plusSeconds(1));
    PollJob stopped = create(T0.plusSeconds(2));
    result(ports.pollJobs().stop(stopped.id(), T0.plusSeconds(3)));
    create(T0, ProviderId.YAHOO);

    assertThat(result(ports.pollJobs().activeOn(ProviderId.FINNHUB)))
        .containsExactlyInAnyOrder(first, second);
    assertThat(result(ports.pollJobs().activeOn(ProviderId.SIMULATED))).isEmpty();
  }

  @Test
  void givenARunRenewingItsLease_claimDue_keepsTheJobFromOthersPastTheFirstLease() {
    PollJob job = create(T0);
    result(ports.pollJobs().claimDue(T0, 10, "a", LEASE));

    // a's run outlasts its first lease, renewing a third of the way through each lease
    assertThat(result(ports.pollJobs().renew(job.id(), "a", T0.plusSeconds(10), LEASE))).isTrue();
    assertThat(result(ports.pollJobs().renew(job.id(), "a", T0.plusSeconds(20), LEASE))).isTrue();
    assertThat(result(ports.pollJobs().renew(job.id(), "a", T0.plusSeconds(30), LEASE))).isTrue();

    assertThat(result(ports.pollJobs().claimDue(T0.plusSeconds(45), 10, "b", LEASE))).isEmpty();
    assertThat(result(ports.pollJobs().claimDue(T0.plusSeconds(59), 10, "b", LEASE))).isEmpty();
    // then a dies: nobody renews, and the lease runs out 30 s after the last renewal
    assertThat(result(ports.pollJobs().claimDue(T0.plusSeconds(60), 10, "b", LEASE)))
        .extracting(PollJob::id)
        .containsExactly(job.id());
  }

  @Test
  void givenAnotherOwnersLease_renew_isRefusedAndChangesNothing() {
    PollJob job = create(T0);
    result(ports.pollJobs().claimDue(T0, 10, "a", LEASE));

    assertThat(result(ports.pollJobs().renew(job.id(), "b", T0.plusSeconds(10), LEASE))).isFalse();

    assertThat(result(ports.pollJobs().claimDue(T0.plus(LEASE), 10, "c", LEASE)))
        .extracting(PollJob::id)
        .containsExactly(job.id());
  }

  @Test
  void givenLeaseTakenOverAfterItExpired_renew_byTheOldOwnerIsRefused() {
    PollJob job = create(T0);
    result(ports.pollJobs().claimDue(T0, 10, "a", LEASE));
    result(ports.pollJobs().claimDue(T0.plus(LEASE), 10, "b", LEASE));

    assertThat(result(ports.pollJobs().renew(job.id(), "a", T0.plusSeconds(31), LEASE))).isFalse();
    // b's lease is untouched: free at T0 + 2 × LEASE, not later
    assertThat(result(ports.pollJobs().claimDue(T0.plus(LEASE.multipliedBy(2)), 10, "c", LEASE)))
        .extracting(PollJob::id)
        .containsExactly(job.id());
  }

  @Test
  void givenStoppedOrCompletedJob_renew_isRefused() {
    PollJob stopped = create(T0);
    PollJob completed = create(T0);
    result(ports.pollJobs().claimDue(T0, 10, "a", LEASE));
    result(ports.pollJobs().stop(stopped.id(), T0.plusSeconds(1)));
    result(
        ports.pollJobs().complete(completed.afterRun(T0.plusSeconds(1), null, false, null), "a"));

    assertThat(result(ports.pollJobs().renew(stopped.id(), "a", T0.plusSeconds(2), LEASE)))
        .isFalse();
    assertThat(result(ports.pollJobs().renew(completed.id(), "a", T0.plusSeconds(2), LEASE)))
        .isFalse();
    assertThat(result(ports.pollJobs().renew(UUID.randomUUID(), "a", T0, LEASE))).isFalse();
  }

  @Test
  void givenCreatedJob_find_returnsItUnchanged() {
    PollJob job = create(T0);

    assertThat(result(ports.pollJobs().find(job.id()))).contains(job);
    assertThat(job.symbols()).containsExactly(Symbol.of("AAPL"), Symbol.of("BRK.B"));
    assertThat(job.interval()).isEqualTo(Duration.ofSeconds(15));
    assertThat(result(ports.pollJobs().find(UUID.randomUUID()))).isEmpty();
  }

  @Test
  void givenAChainAndMarketHours_createAndFind_keepThemInOrder() {
    PollJob job =
        PollJob.start(
            UUID.randomUUID(),
            List.of(Symbol.of("AAPL")),
            Duration.ofSeconds(3600),
            ProviderChain.parse("provider", "finnhub,yahoo,simulated"),
            MarketHours.REGULAR,
            T0);
    PollJob created = result(ports.pollJobs().create(job));

    assertThat(result(ports.pollJobs().find(job.id()))).contains(created);
    assertThat(created.providers().wire()).isEqualTo("finnhub,yahoo,simulated");
    assertThat(created.marketHours()).isEqualTo(MarketHours.REGULAR);
    assertThat(created.fallbacks()).isEqualTo(PollJob.Fallbacks.NONE);
    // the budget of a chain is its first provider's
    assertThat(result(ports.pollJobs().activeOn(ProviderId.FINNHUB))).containsExactly(created);
    assertThat(result(ports.pollJobs().activeOn(ProviderId.YAHOO))).isEmpty();
  }

  @Test
  void givenAWaitAndAFallback_complete_savesWhyWhenAndWhoServed() {
    PollJob job =
        result(
            ports
                .pollJobs()
                .create(
                    PollJob.start(
                        UUID.randomUUID(),
                        List.of(Symbol.of("AAPL"), Symbol.of("MSFT")),
                        Duration.ofSeconds(60),
                        ProviderChain.parse("provider", "finnhub,yahoo"),
                        MarketHours.EXTENDED,
                        T0)));
    result(ports.pollJobs().claimDue(T0, 10, "a", LEASE));
    PollJob after =
        job.afterRun(T0.plusSeconds(1), null, false, null)
            .withFallbacks(
                PollJob.Fallbacks.NONE.plus(
                    T0.plusMillis(500),
                    Symbol.of("MSFT"),
                    List.of(ProviderId.FINNHUB),
                    ProviderId.YAHOO))
            .scheduled(T0.plusSeconds(1), T0.plusSeconds(3600), "market closed: weekend", "a note");

    result(ports.pollJobs().complete(after, "a"));

    PollJob found = result(ports.pollJobs().find(job.id())).orElseThrow();
    assertThat(found).isEqualTo(after);
    assertThat(found.waiting()).contains("market closed: weekend");
    assertThat(found.fallbacks().count()).isEqualTo(1);
    assertThat(found.fallbacks().lastFrom()).containsExactly(ProviderId.FINNHUB);
    assertThat(found.fallbacks().lastProvider()).isEqualTo(ProviderId.YAHOO);
  }

  @Test
  void givenTakenId_create_failsNamingTheId() {
    PollJob job = create(T0);

    assertThat(failure(ports.pollJobs().create(job)))
        .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.field()).isEqualTo("id"));
  }

  @Test
  void givenThreeJobs_list_returnsThemNewestFirst() {
    PollJob old = create(T0);
    PollJob mid = create(T0.plusSeconds(1));
    PollJob recent = create(T0.plusSeconds(2));

    assertThat(result(ports.pollJobs().list())).containsExactly(recent, mid, old);
  }

  @Test
  void givenActiveJob_stopTwice_stopsItOnceAndKeepsTheFirstStopTime() {
    PollJob job = create(T0);

    PollJob stopped = result(ports.pollJobs().stop(job.id(), T0.plusSeconds(5))).orElseThrow();
    PollJob again = result(ports.pollJobs().stop(job.id(), T0.plusSeconds(9))).orElseThrow();

    assertThat(stopped.status()).isEqualTo(PollJobStatus.STOPPED);
    assertThat(stopped.updatedAt()).isEqualTo(T0.plusSeconds(5));
    assertThat(again).isEqualTo(stopped);
    assertThat(result(ports.pollJobs().stop(UUID.randomUUID(), T0))).isEmpty();
  }

  @Test
  void givenDueFutureAndStoppedJobs_claimDue_leasesOnlyTheDueActiveOnes() {
    PollJob due = create(T0);
    PollJob future = create(T0.plusSeconds(60));
    PollJob stopped = create(T0);
    result(ports.pollJobs().stop(stopped.id(), T0));

    List<PollJob> claimed = result(ports.pollJobs().claimDue(T0.plusSeconds(1), 10, "a", LEASE));

    assertThat(claimed).extracting(PollJob::id).containsExactly(due.id());
    assertThat(future.nextRunAt()).isAfter(T0.plusSeconds(1));
  }

  @Test
  void givenLeasedJob_claimDue_givesItToNoOtherOwnerUntilTheLeaseExpires() {
    PollJob job = create(T0);
    assertThat(result(ports.pollJobs().claimDue(T0, 10, "a", LEASE))).hasSize(1);

    assertThat(result(ports.pollJobs().claimDue(T0.plusSeconds(1), 10, "b", LEASE))).isEmpty();
    assertThat(result(ports.pollJobs().claimDue(T0.plusSeconds(1), 10, "a", LEASE))).isEmpty();
    assertThat(result(ports.pollJobs().claimDue(T0.plus(LEASE), 10, "b", LEASE)))
        .extracting(PollJob::id)
        .containsExactly(job.id());
  }

  @Test
  void givenLimit_claimDue_leasesTheMostOverdueFirst() {
    PollJob late = create(T0.minusSeconds(30));
    PollJob later = create(T0.minusSeconds(60));
    create(T0);

    assertThat(result(ports.pollJobs().claimDue(T0, 2, "a", LEASE)))
        .extracting(PollJob::id)
        .containsExactlyInAnyOrder(late.id(), later.id());
  }

  @Test
  void givenLeaseHolder_complete_savesTheRunAndFreesTheLease() {
    PollJob job = create(T0);
    result(ports.pollJobs().claimDue(T0, 10, "a", LEASE));
    PollJob afterRun = job.afterRun(T0.plusSeconds(2), "finnhub throttled", false, null);

    result(ports.pollJobs().complete(afterRun, "a"));

    assertThat(result(ports.pollJobs().find(job.id()))).contains(afterRun);
    assertThat(result(ports.pollJobs().claimDue(afterRun.nextRunAt(), 10, "b", LEASE)))
        .extracting(PollJob::id)
        .containsExactly(job.id());
  }

  @Test
  void givenOwnerLostTheLease_complete_changesNothing() {
    PollJob job = create(T0);
    result(ports.pollJobs().claimDue(T0, 10, "a", LEASE));
    result(ports.pollJobs().claimDue(T0.plus(LEASE), 10, "b", LEASE));

    result(ports.pollJobs().complete(job.afterRun(T0.plusSeconds(40), null, false, null), "a"));

    assertThat(result(ports.pollJobs().find(job.id()))).contains(job);
  }

  @Test
  void givenJobStoppedDuringItsRun_complete_keepsItStopped() {
    PollJob job = create(T0);
    result(ports.pollJobs().claimDue(T0, 10, "a", LEASE));
    result(ports.pollJobs().stop(job.id(), T0.plusSeconds(1)));

    result(ports.pollJobs().complete(job.afterRun(T0.plusSeconds(2), null, false, null), "a"));

    PollJob found = result(ports.pollJobs().find(job.id())).orElseThrow();
    assertThat(found.status()).isEqualTo(PollJobStatus.STOPPED);
    assertThat(found.runCount()).isEqualTo(1);
    assertThat(result(ports.pollJobs().claimDue(T0.plusSeconds(600), 10, "b", LEASE))).isEmpty();
  }

  @Test
  void givenConcurrentClaimers_claimDue_neverHandsOneJobToTwoOwners() throws Exception {
    List<UUID> ids = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      ids.add(create(T0.minusSeconds(i)).id());
    }
    Set<UUID> claimedOnce = ConcurrentHashMap.newKeySet();
    List<UUID> claimedAll = java.util.Collections.synchronizedList(new ArrayList<>());
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Callable<Void>> claimers = new ArrayList<>();
      for (int owner = 0; owner < 4; owner++) {
        String name = "replica-" + owner;
        claimers.add(
            () -> {
              for (int round = 0; round < 10; round++) {
                for (PollJob job : result(ports.pollJobs().claimDue(T0, 3, name, LEASE))) {
                  claimedOnce.add(job.id());
                  claimedAll.add(job.id());
                }
              }
              return null;
            });
      }
      for (Future<Void> f : pool.invokeAll(claimers)) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(claimedAll).hasSameSizeAs(claimedOnce);
    assertThat(claimedOnce).containsExactlyInAnyOrderElementsOf(ids);
  }
}
