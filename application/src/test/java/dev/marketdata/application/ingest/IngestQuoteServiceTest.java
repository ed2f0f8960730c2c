package dev.marketdata.application.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.marketdata.application.price.LatestPriceCache;
import dev.marketdata.application.quality.QualityObserver;
import dev.marketdata.domain.model.FetchedQuote;
import dev.marketdata.domain.model.PricePoint;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.port.IngestionRepository;
import dev.marketdata.domain.port.OutboxDoorbell;
import dev.marketdata.domain.port.OutboxDoorbell.Kind;
import dev.marketdata.testsupport.Samples;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class IngestQuoteServiceTest {
  private static final Instant T0 = Instant.parse("2026-11-30T18:00:00Z");

  private final IngestionRepository ingestion = mock(IngestionRepository.class);
  private final List<Kind> rings = new CopyOnWriteArrayList<>();
  private final OutboxDoorbell doorbell = rings::add;
  private final IngestQuoteService service =
      new IngestQuoteService(
          ingestion,
          new LatestPriceCache(),
          IngestSettings.defaults(),
          QualityObserver.none(),
          doorbell);
  private final FetchedQuote quote = Samples.fetched("AAPL", ProviderId.FINNHUB, "150.25", T0);

  @Test
  void givenAQuote_ingest_ringsThePricesRelay_onlyOnceItsTransactionCommitted() {
    CompletableFuture<List<PricePoint>> commit = new CompletableFuture<>();
    when(ingestion.ingestAll(anyList())).thenReturn(commit);

    var stored = service.ingest(quote).toCompletableFuture();
    assertThat(rings).as("nothing committed yet").isEmpty();
    commit.complete(List.of(PricePoint.of(quote)));

    assertThat(stored).isCompleted();
    assertThat(rings).containsExactly(Kind.PRICES);
  }

  @Test
  void givenABatch_ingestAll_ringsThePricesRelayOnce_afterTheCommit() {
    FetchedQuote other = Samples.fetched("MSFT", ProviderId.FINNHUB, "410.10", T0);
    CompletableFuture<List<PricePoint>> commit = new CompletableFuture<>();
    when(ingestion.ingestAll(List.of(quote, other))).thenReturn(commit);

    service.ingestAll(List.of(quote, other));
    assertThat(rings).isEmpty();
    commit.complete(List.of(PricePoint.of(quote), PricePoint.of(other)));

    assertThat(rings).containsExactly(Kind.PRICES);
  }

  @Test
  void givenAFailedTransaction_ingestAll_ringsNothing() {
    when(ingestion.ingestAll(anyList()))
        .thenReturn(CompletableFuture.failedFuture(new IllegalStateException("refused")));

    var stored = service.ingestAll(List.of(quote)).toCompletableFuture();

    assertThat(stored).isCompletedExceptionally();
    assertThat(rings).isEmpty();
  }
}
