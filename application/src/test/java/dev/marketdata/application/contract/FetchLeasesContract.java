package dev.marketdata.application.contract;

import static dev.marketdata.testsupport.Await.result;
import static dev.marketdata.testsupport.Samples.uniqueSymbol;
import static org.assertj.core.api.Assertions.assertThat;

import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.Symbol;
import dev.marketdata.domain.port.FetchLeases;
import dev.marketdata.testsupport.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@code FetchLeases} promises: a (symbol, provider) is leased to one owner at a time,
 * until the lease is released or ends; a former holder cannot end its successor's lease.
 */
public abstract class FetchLeasesContract {
  private static final ProviderId FINNHUB = ProviderId.FINNHUB;
  private static final Duration LEASE = Duration.ofSeconds(60);
  private static final Duration SHORT = Duration.ofMillis(300);

  protected FetchLeases leases;
  private Symbol symbol;

  /** Leases with none taken, on the wall clock (expiry is awaited, not simulated). */
  protected abstract FetchLeases emptyLeases();

  @BeforeEach
  void createLeases() {
    leases = emptyLeases();
    symbol = uniqueSymbol();
  }

  private boolean claim(String owner, Duration lease) {
    return result(leases.claim(symbol, FINNHUB, owner, lease));
  }

  @Test
  void givenNoLease_claim_succeeds() {
    assertThat(claim("replica-a", LEASE)).isTrue();
  }

  @Test
  void givenALiveLease_claim_isRefusedToEveryOwnerTheHolderIncluded() {
    claim("replica-a", LEASE);

    assertThat(claim("replica-b", LEASE)).isFalse();
    assertThat(claim("replica-a", LEASE)).isFalse();
  }

  @Test
  void givenALeaseOnOnePair_claim_ofAnotherSymbolOrProvider_succeeds() {
    claim("replica-a", LEASE);

    assertThat(result(leases.claim(uniqueSymbol(), FINNHUB, "replica-b", LEASE))).isTrue();
    assertThat(result(leases.claim(symbol, ProviderId.YAHOO, "replica-b", LEASE))).isTrue();
  }

  @Test
  void givenAReleasedLease_claim_succeedsAtOnce() {
    claim("replica-a", LEASE);

    result(leases.release(symbol, FINNHUB, "replica-a", Duration.ZERO));

    assertThat(claim("replica-b", LEASE)).isTrue();
  }

  @Test
  void givenAReleaseByAnotherOwner_theLease_holds() {
    claim("replica-a", LEASE);

    result(leases.release(symbol, FINNHUB, "replica-b", Duration.ZERO));

    assertThat(claim("replica-b", LEASE)).isFalse();
  }

  @Test
  void givenAnExpiredLease_claim_succeeds() {
    claim("crashed", SHORT);

    Await.until("the crashed replica's lease ended", () -> claim("replica-b", LEASE));

    assertThat(claim("crashed", LEASE)).isFalse();
  }

  @Test
  void givenALeaseKeptAfterItsFetch_claim_isRefusedUntilThatEnds() {
    claim("replica-a", SHORT);

    result(leases.release(symbol, FINNHUB, "replica-a", LEASE)); // longer than the claim was
    Await.holdsFor(
        "the kept lease refusing claims", SHORT.multipliedBy(2), () -> !claim("b", LEASE));
    result(leases.release(symbol, FINNHUB, "replica-a", SHORT));

    Await.until("the kept lease ended", () -> claim("replica-b", LEASE));
  }

  @Test
  void givenTheLeaseWasTakenOver_releaseByTheFormerHolder_leavesTheNewLeaseAlone() {
    claim("slow", SHORT);
    Await.until("the slow replica's lease ended", () -> claim("replica-b", LEASE));

    result(leases.release(symbol, FINNHUB, "slow", Duration.ZERO));
    result(leases.release(symbol, FINNHUB, "slow", LEASE));

    assertThat(claim("replica-c", LEASE)).isFalse();
    result(leases.release(symbol, FINNHUB, "replica-b", Duration.ZERO));
    assertThat(claim("replica-c", LEASE)).isTrue();
  }

  @Test
  void givenManyReplicasClaimingAtOnce_exactlyOne_wins() throws Exception {
    int replicas = 16;
    ExecutorService threads = Executors.newFixedThreadPool(replicas);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Boolean>> claims = new ArrayList<>();
      for (int i = 0; i < replicas; i++) {
        String owner = "replica-" + i;
        Callable<Boolean> call =
            () -> {
              start.await();
              return claim(owner, LEASE);
            };
        claims.add(threads.submit(call));
      }
      start.countDown();
      int won = 0;
      for (Future<Boolean> c : claims) {
        won += c.get() ? 1 : 0;
      }
      assertThat(won).isEqualTo(1);
    } finally {
      threads.shutdownNow();
    }
  }
}
