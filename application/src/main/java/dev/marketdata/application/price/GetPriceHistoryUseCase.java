package dev.marketdata.application.price;

import dev.marketdata.domain.model.HistoryPage;
import dev.marketdata.domain.model.HistoryQuery;
import java.util.concurrent.CompletionStage;

/** Stored prices of one symbol at one provider, newest first, a page at a time. */
public interface GetPriceHistoryUseCase {
  CompletionStage<HistoryPage> history(HistoryQuery query);
}
