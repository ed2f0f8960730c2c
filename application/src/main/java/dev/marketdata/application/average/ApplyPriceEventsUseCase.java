package dev.marketdata.application.average;

import dev.marketdata.domain.model.MovingAverage;
import dev.marketdata.domain.model.PriceEvent;
import dev.marketdata.domain.model.TraceContext;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

/** Folds price events into the stored moving averages; applying an event twice changes nothing. */
public interface ApplyPriceEventsUseCase {
  /** Applies the batch all or nothing; completes with the averages it touched. */
  CompletionStage<List<MovingAverage>> apply(List<PriceEvent> events);

  /**
   * Applies the batch as {@link #apply(List)} does; {@code traces} names, by event id, the trace
   * each event was consumed under, kept with the averages it changes (events it does not name were
   * not traced). By default the traces are dropped.
   */
  default CompletionStage<List<MovingAverage>> apply(
      List<PriceEvent> events, Map<UUID, TraceContext> traces) {
    return apply(events);
  }
}
