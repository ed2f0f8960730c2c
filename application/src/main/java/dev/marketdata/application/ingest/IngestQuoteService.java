package dev.marketdata.application.ingest;

import dev.marketdata.application.price.LatestPriceCache;
import dev.marketdata.application.quality.QualityObserver;
import dev.marketdata.domain.model.FetchedQuote;
import dev.marketdata.domain.model.PricePoint;
import dev.marketdata.domain.port.IngestionRepository;
import dev.marketdata.domain.port.OutboxDoorbell;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Stores fetched quotes and lets the latest-price cache see them. Single quotes stored at the same
 * time share transactions ({@link IngestCoalescer}), and how many may wait for one is bounded
 * ({@link IngestSettings}); a batch is one transaction of its own.
 */
public final class IngestQuoteService implements IngestQuoteUseCase {
  /**
   * Transactions for single quotes at once. Fewer means larger shared transactions and more quotes
   * a second; two keep most of that without one slow commit stalling every request (measured in
   * benchmarks/README.md, "The driver: one transaction per request").
   */
  static final int SINGLE_QUOTE_TRANSACTIONS = 2;

  /** At most this many single quotes share one transaction. */
  static final int MAX_SHARED = 500;

  private final IngestionRepository ingestion;
  private final IngestCoalescer singles;
  private final LatestPriceCache cache;
  private final QualityObserver quality;
  private final OutboxDoorbell doorbell;

  @Inject
  public IngestQuoteService(
      IngestionRepository ingestion,
      LatestPriceCache cache,
      IngestSettings settings,
      QualityObserver quality,
      OutboxDoorbell doorbell) {
    this.ingestion = ingestion;
    this.singles = new IngestCoalescer(ingestion, SINGLE_QUOTE_TRANSACTIONS, MAX_SHARED, settings);
    this.cache = cache;
    this.quality = quality;
    this.doorbell = doorbell;
  }

  public IngestQuoteService(
      IngestionRepository ingestion,
      LatestPriceCache cache,
      IngestSettings settings,
      QualityObserver quality) {
    this(ingestion, cache, settings, quality, OutboxDoorbell.none());
  }

  public IngestQuoteService(
      IngestionRepository ingestion, LatestPriceCache cache, IngestSettings settings) {
    this(ingestion, cache, settings, QualityObserver.none());
  }

  /** With the default bounds on waiting quotes ({@link IngestSettings#defaults()}). */
  public IngestQuoteService(IngestionRepository ingestion, LatestPriceCache cache) {
    this(ingestion, cache, IngestSettings.defaults());
  }

  @Override
  public CompletionStage<PricePoint> ingest(FetchedQuote fetched) {
    return singles
        .ingest(fetched)
        .thenApply(
            stored -> {
              doorbell.ring(OutboxDoorbell.Kind.PRICES); // committed: the relay finds the row
              stored(fetched, stored);
              return stored;
            });
  }

  @Override
  public CompletionStage<List<PricePoint>> ingestAll(List<FetchedQuote> batch) {
    return ingestion
        .ingestAll(batch)
        .thenApply(
            stored -> {
              doorbell.ring(OutboxDoorbell.Kind.PRICES); // committed: the relay finds the rows
              for (int i = 0; i < stored.size(); i++) {
                stored(batch.get(i), stored.get(i));
              }
              return stored;
            });
  }

  /**
   * Offers the answer to the cache and counts what data quality made of it: an answer that is not
   * the fetch's own raw response is the stored point that fetch repeated (ADR 0014).
   */
  private void stored(FetchedQuote fetched, PricePoint answer) {
    cache.offer(answer);
    if (!answer.rawResponseId().equals(fetched.raw().id())) {
      quality.duplicate(answer.provider());
    } else if (answer.suspect()) {
      quality.suspect(answer.provider());
    }
  }
}
