package dev.marketdata.adapter.persistence;

import static dev.marketdata.testsupport.Samples.uniqueSymbol;
import static org.assertj.core.api.Assertions.assertThat;

import dev.marketdata.application.support.Futures;
import dev.marketdata.domain.failure.ProviderUnavailable;
import dev.marketdata.domain.model.PricePoint;
import dev.marketdata.domain.model.Symbol;
import dev.marketdata.testsupport.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two replicas of {@code GET /prices/latest} on one PostgreSQL, each with its own pool, cache and
 * single flight, missing the same price at once: one provider call between them (ADR 0007).
 */
@ExtendWith(PgStoreExtension.class)
class CrossReplicaLatestPriceIT {
  private static final int REQUESTS_PER_REPLICA = 25;
  private static final Duration FRESHNESS = Duration.ofMinutes(1);

  private final PgTestStore store;
  private final CountingProvider provider = CountingProvider.holding();
  private final LatestPriceReplica a;
  private final LatestPriceReplica b;

  CrossReplicaLatestPriceIT(PgTestStore store) {
    this.store = store;
    this.a = new LatestPriceReplica("replica-a", store, provider, FRESHNESS, PgFetchLeases::new);
    this.b = new LatestPriceReplica("replica-b", store, provider, FRESHNESS, PgFetchLeases::new);
  }

  @AfterEach
  void closeReplicas() {
    a.close();
    b.close();
  }

  private List<CompletableFuture<PricePoint>> requestsOnBoth(Symbol symbol) {
    List<CompletableFuture<PricePoint>> answers = new ArrayList<>();
    for (int i = 0; i < REQUESTS_PER_REPLICA; i++) {
      answers.add(a.latest(symbol).toCompletableFuture());
      answers.add(b.latest(symbol).toCompletableFuture());
    }
    return answers;
  }

  @Test
  void givenBothReplicasMissingTheSamePrice_onlyOneOfThem_callsTheProvider() {
    Symbol symbol = uniqueSymbol();
    List<CompletableFuture<PricePoint>> answers = requestsOnBoth(symbol);
    // Both have read the stored price and found none before the one call is answered.
    Await.until(
        "both replicas read the stored price and one called the provider",
        () -> a.storedReads() >= 1 && b.storedReads() >= 1 && provider.held() >= 1);

    provider.answerHeld(null);

    List<PricePoint> served = answers.stream().map(Await::result).toList();
    assertThat(provider.calls()).isEqualTo(1);
    assertThat(served)
        .extracting(PricePoint::rawResponseId)
        .containsOnly(served.get(0).rawResponseId());
    assertThat(pricePoints(symbol)).isEqualTo(1);
    // Within the window, later requests on either replica are served without a call.
    Await.result(a.latest(symbol));
    Await.result(b.latest(symbol));
    assertThat(provider.calls()).isEqualTo(1);
  }

  @Test
  void givenTheHoldersFetchFails_theWaitingReplica_fetchesInstead_oneCallAtATime() {
    Symbol symbol = uniqueSymbol();
    List<CompletableFuture<PricePoint>> answers = requestsOnBoth(symbol);
    Await.until(
        "both replicas read the stored price and one called the provider",
        () -> a.storedReads() >= 1 && b.storedReads() >= 1 && provider.held() >= 1);

    provider.answerHeld(
        new ProviderUnavailable(
            "finnhub", ProviderUnavailable.Kind.SERVER_ERROR, "HTTP 500", null));
    Await.until("the waiting replica called the provider in turn", () -> provider.held() == 1);
    provider.answerHeld(null);

    List<Throwable> failures = new ArrayList<>();
    List<PricePoint> served = new ArrayList<>();
    for (CompletableFuture<PricePoint> answer : answers) {
      Throwable failure = Await.result(answer.handle((value, e) -> e));
      if (failure == null) {
        served.add(answer.join());
      } else {
        failures.add(Futures.unwrap(failure));
      }
    }
    // The holder's requests share its failure; the other replica's are served by its own call.
    assertThat(failures)
        .hasSize(REQUESTS_PER_REPLICA)
        .allMatch(ProviderUnavailable.class::isInstance);
    assertThat(served).hasSize(REQUESTS_PER_REPLICA);
    assertThat(provider.calls()).isEqualTo(2);
    assertThat(provider.mostOpen()).isEqualTo(1);
    assertThat(pricePoints(symbol)).isEqualTo(1);
  }

  private long pricePoints(Symbol symbol) {
    return store
        .query("SELECT count(*) FROM price_points WHERE symbol = $1", symbol.value())
        .get(0)
        .getLong(0);
  }
}
