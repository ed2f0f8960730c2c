package dev.marketdata.adapter.persistence;

import static dev.marketdata.testsupport.Await.result;
import static dev.marketdata.testsupport.Samples.uniqueSymbol;
import static org.assertj.core.api.Assertions.assertThat;

import dev.marketdata.application.contract.FetchLeasesContract;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.Symbol;
import dev.marketdata.domain.port.FetchLeases;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PgStoreExtension.class)
class PgFetchLeasesIT extends FetchLeasesContract {
  private final PgTestStore store;

  PgFetchLeasesIT(PgTestStore store) {
    this.store = store;
  }

  @Override
  protected FetchLeases emptyLeases() {
    store.execute("TRUNCATE fetch_leases");
    return new PgFetchLeases(store.pool);
  }

  @Test
  void givenAFailedFetch_release_leavesNoRowBehind() {
    Symbol unknown = uniqueSymbol();
    result(leases.claim(unknown, ProviderId.FINNHUB, "replica-a", Duration.ofSeconds(60)));

    result(leases.release(unknown, ProviderId.FINNHUB, "replica-a", Duration.ZERO));

    assertThat(store.count("fetch_leases")).isZero();
  }

  @Test
  void givenTwoPools_aClaimOnOne_refusesTheOther() {
    Symbol symbol = uniqueSymbol();
    Pool otherReplica = store.newPool();
    try {
      FetchLeases other = new PgFetchLeases(otherReplica);

      assertThat(result(leases.claim(symbol, ProviderId.FINNHUB, "a", Duration.ofSeconds(60))))
          .isTrue();
      assertThat(result(other.claim(symbol, ProviderId.FINNHUB, "b", Duration.ofSeconds(60))))
          .isFalse();
    } finally {
      result(otherReplica.close());
    }
  }
}
