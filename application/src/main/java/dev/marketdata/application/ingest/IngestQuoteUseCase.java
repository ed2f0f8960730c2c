package dev.marketdata.application.ingest;

import dev.marketdata.domain.model.FetchedQuote;
import dev.marketdata.domain.model.PricePoint;
import java.util.concurrent.CompletionStage;

/** Stores a fetched quote: raw response, price point and outgoing event, all or nothing. */
public interface IngestQuoteUseCase {
  CompletionStage<PricePoint> ingest(FetchedQuote fetched);
}
