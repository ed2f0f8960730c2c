package dev.marketdata.domain.port;

import dev.marketdata.domain.model.FetchedQuote;
import dev.marketdata.domain.model.PricePoint;
import java.util.concurrent.CompletionStage;

/**
 * Stores a fetched quote: the raw response, its price point and the outgoing price event, all or
 * nothing (one transaction in a database adapter).
 */
public interface IngestionRepository {
  /** Completes with the stored point; storing the same raw response id twice fails. */
  CompletionStage<PricePoint> ingest(FetchedQuote fetched);
}
