package dev.marketdata.application.price;

import dev.marketdata.domain.model.HistoryPage;
import dev.marketdata.domain.model.HistoryQuery;
import dev.marketdata.domain.port.PricePointRepository;
import jakarta.inject.Inject;
import java.util.concurrent.CompletionStage;

/** Reads a page of price history from storage; the query validated itself. */
public final class GetPriceHistoryService implements GetPriceHistoryUseCase {
  private final PricePointRepository points;

  @Inject
  public GetPriceHistoryService(PricePointRepository points) {
    this.points = points;
  }

  @Override
  public CompletionStage<HistoryPage> history(HistoryQuery query) {
    return points.history(query);
  }
}
