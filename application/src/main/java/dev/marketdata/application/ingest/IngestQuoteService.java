package dev.marketdata.application.ingest;

import dev.marketdata.application.price.LatestPriceCache;
import dev.marketdata.domain.model.FetchedQuote;
import dev.marketdata.domain.model.PricePoint;
import dev.marketdata.domain.port.IngestionRepository;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Stores fetched quotes and lets the latest-price cache see them. Single quotes stored at the same
 * time share transactions ({@link IngestCoalescer}); a batch is one transaction of its own.
 */
public final class IngestQuoteService implements IngestQuoteUseCase {
  /**
   * Transactions for single quotes at once: half of the default pool of 8, leaving the rest to poll
   * ticks, the relay and reads.
   */
  static final int SINGLE_QUOTE_TRANSACTIONS = 4;

  /** At most this many single quotes share one transaction. */
  static final int MAX_SHARED = 500;

  private final IngestionRepository ingestion;
  private final IngestCoalescer singles;
  private final LatestPriceCache cache;

  @Inject
  public IngestQuoteService(IngestionRepository ingestion, LatestPriceCache cache) {
    this.ingestion = ingestion;
    this.singles = new IngestCoalescer(ingestion, SINGLE_QUOTE_TRANSACTIONS, MAX_SHARED);
    this.cache = cache;
  }

  @Override
  public CompletionStage<PricePoint> ingest(FetchedQuote fetched) {
    return singles
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
