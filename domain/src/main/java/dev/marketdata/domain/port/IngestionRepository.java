package dev.marketdata.domain.port;

import dev.marketdata.domain.model.FetchedQuote;
import dev.marketdata.domain.model.PricePoint;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Stores a fetched quote: the raw response, its price point and the outgoing price event, all or
 * nothing (one transaction in a database adapter).
 */
public interface IngestionRepository {
  /** Completes with the stored point; storing the same raw response id twice fails. */
  CompletionStage<PricePoint> ingest(FetchedQuote fetched);

  /**
   * Stores a batch the same way, all of it or none of it (one transaction), so a poll tick pays one
   * commit for many quotes; completes with the stored points in the batch's order.
   */
  CompletionStage<List<PricePoint>> ingestAll(List<FetchedQuote> batch);
}
