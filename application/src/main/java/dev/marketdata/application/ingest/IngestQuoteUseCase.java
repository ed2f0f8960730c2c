package dev.marketdata.application.ingest;

import dev.marketdata.domain.model.FetchedQuote;
import dev.marketdata.domain.model.PricePoint;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** Stores a fetched quote: raw response, price point and outgoing event, all or nothing. */
public interface IngestQuoteUseCase {
  CompletionStage<PricePoint> ingest(FetchedQuote fetched);

  /** Stores many quotes in one transaction, all or none. */
  CompletionStage<List<PricePoint>> ingestAll(List<FetchedQuote> batch);
}
