package dev.marketdata.application.average;

import dev.marketdata.domain.model.MovingAverage;
import dev.marketdata.domain.model.PriceEvent;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** Folds price events into the stored moving averages; applying an event twice changes nothing. */
public interface ApplyPriceEventsUseCase {
  /** Applies the batch all or nothing; completes with the averages it touched. */
  CompletionStage<List<MovingAverage>> apply(List<PriceEvent> events);
}
