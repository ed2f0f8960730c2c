package dev.marketdata.domain.port;

import dev.marketdata.domain.model.MovingAverage;
import dev.marketdata.domain.model.PriceEvent;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.Symbol;
import dev.marketdata.domain.model.TraceContext;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

/** Stored moving averages, kept per (symbol, provider, window size). */
public interface MovingAverageRepository {
  /**
   * Applies a batch of events to the stored windows of every size in {@code windowSizes}, all or
   * nothing, as {@code WindowFold} decides, so each event counts at most once however often it is
   * applied. Completes with the averages of the windows touched, changed or not; fails with {@code
   * InvalidInput} naming {@code window} for a size below 1.
   */
  CompletionStage<List<MovingAverage>> apply(List<PriceEvent> events, Set<Integer> windowSizes);

  /**
   * Applies the batch as {@link #apply(List, Set)} does, where {@code traces} names, by event id,
   * the trace each event was consumed under (events it does not name were not traced): a store that
   * queues changed averages for publishing keeps, with each, the trace of the newest event of the
   * batch in its window. A store that keeps no trace ignores them.
   */
  default CompletionStage<List<MovingAverage>> apply(
      List<PriceEvent> events, Set<Integer> windowSizes, Map<UUID, TraceContext> traces) {
    return apply(events, windowSizes);
  }

  CompletionStage<Optional<MovingAverage>> find(Symbol symbol, ProviderId provider, int windowSize);
}
