package dev.marketdata.adapter.persistence;

import static dev.marketdata.testsupport.Samples.uniqueSymbol;
import static org.assertj.core.api.Assertions.assertThat;

import dev.marketdata.application.price.ServedPrice;
import dev.marketdata.domain.failure.ProviderUnavailable;
import dev.marketdata.domain.model.ProviderChain;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.Symbol;
import dev.marketdata.testsupport.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two API replicas on one PostgreSQL walking the chain finnhub (down) then yahoo at once: the
 * fallback keeps the single-quote rules, so yahoo is called once between them and every answer says
 * it fell back from finnhub (ADR 0015).
 */
@ExtendWith(PgStoreExtension.class)
class FallbackAcrossReplicasIT {
  private static final int REQUESTS_PER_REPLICA = 10;
  private static final Duration FRESHNESS = Duration.ofMinutes(1);
  private static final Optional<ProviderChain> FINNHUB_YAHOO =
      Optional.of(ProviderChain.parse("provider", "finnhub,yahoo"));

  private final PgTestStore store;
  private final CountingProvider finnhub =
      new CountingProvider(
          ProviderId.FINNHUB,
          symbol ->
              CompletableFuture.failedFuture(
                  new ProviderUnavailable(
                      "finnhub", ProviderUnavailable.Kind.SERVER_ERROR, "HTTP 503", null)));
  private final CountingProvider yahoo = CountingProvider.holding(ProviderId.YAHOO);
  private final LatestPriceReplica a;
  private final LatestPriceReplica b;

  FallbackAcrossReplicasIT(PgTestStore store) {
    this.store = store;
    this.a =
        new LatestPriceReplica(
            "replica-a", store, List.of(finnhub, yahoo), FRESHNESS, PgFetchLeases::new);
    this.b =
        new LatestPriceReplica(
            "replica-b", store, List.of(finnhub, yahoo), FRESHNESS, PgFetchLeases::new);
  }

  @AfterEach
  void closeReplicas() {
    a.close();
    b.close();
  }

  @Test
  void givenTheFirstProviderDown_bothReplicasFallingBack_callTheNextOnce() {
    Symbol symbol = uniqueSymbol();
    List<CompletableFuture<ServedPrice>> answers = new ArrayList<>();
    for (int i = 0; i < REQUESTS_PER_REPLICA; i++) {
      answers.add(a.chain.latest(symbol, FINNHUB_YAHOO).toCompletableFuture());
      answers.add(b.chain.latest(symbol, FINNHUB_YAHOO).toCompletableFuture());
    }
    Await.until("one replica called yahoo", () -> yahoo.held() >= 1);

    yahoo.answerHeld(null);

    List<ServedPrice> served = answers.stream().map(Await::result).toList();
    assertThat(served)
        .allSatisfy(s -> assertThat(s.fallbackFrom()).containsExactly(ProviderId.FINNHUB));
    assertThat(served)
        .allSatisfy(s -> assertThat(s.point().provider()).isEqualTo(ProviderId.YAHOO));
    assertThat(yahoo.calls()).isEqualTo(1);
    assertThat(pricePoints(symbol, ProviderId.YAHOO)).isEqualTo(1);
    assertThat(pricePoints(symbol, ProviderId.FINNHUB)).isZero();
    // Within yahoo's window, a later chain still asks finnhub first (it may be back), then serves
    // yahoo's stored price without calling yahoo again.
    int finnhubCalls = finnhub.calls();
    ServedPrice later = Await.result(b.chain.latest(symbol, FINNHUB_YAHOO));
    assertThat(later.fallbackFrom()).containsExactly(ProviderId.FINNHUB);
    assertThat(finnhub.calls()).isEqualTo(finnhubCalls + 1);
    assertThat(yahoo.calls()).isEqualTo(1);
  }

  private long pricePoints(Symbol symbol, ProviderId provider) {
    return store
        .query(
            "SELECT count(*) FROM price_points WHERE symbol = $1 AND provider = $2",
            symbol.value(),
            provider.value())
        .get(0)
        .getLong(0);
  }
}
