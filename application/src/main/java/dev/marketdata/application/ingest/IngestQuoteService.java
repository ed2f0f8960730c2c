package dev.marketdata.application.ingest;

import dev.marketdata.application.price.LatestPriceCache;
import dev.marketdata.domain.model.FetchedQuote;
import dev.marketdata.domain.model.PricePoint;
import dev.marketdata.domain.port.IngestionRepository;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** Stores a fetched quote in one port call and lets the latest-price cache see it. */
public final class IngestQuoteService implements IngestQuoteUseCase {
  private final IngestionRepository ingestion;
  private final LatestPriceCache cache;

  @Inject
  public IngestQuoteService(IngestionRepository ingestion, LatestPriceCache cache) {
    this.ingestion = ingestion;
    this.cache = cache;
  }

  @Override
  public CompletionStage<PricePoint> ingest(FetchedQuote fetched) {
    return ingestion
        .ingest(fetched)
        .thenApply(
            stored -> {
              cache.offer(stored);
              return stored;
            });
  }

  @Override
  public CompletionStage<List<PricePoint>> ingestAll(List<FetchedQuote> batch) {
    return ingestion
        .ingestAll(batch)
        .thenApply(
            stored -> {
              stored.forEach(cache::offer);
              return stored;
            });
  }
}
