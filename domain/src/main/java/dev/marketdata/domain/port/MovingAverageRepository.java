package dev.marketdata.domain.port;

import dev.marketdata.domain.model.MovingAverage;
import dev.marketdata.domain.model.PriceEvent;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.Symbol;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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

  CompletionStage<Optional<MovingAverage>> find(Symbol symbol, ProviderId provider, int windowSize);
}
