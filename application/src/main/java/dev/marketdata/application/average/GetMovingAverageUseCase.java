package dev.marketdata.application.average;

import dev.marketdata.domain.model.MovingAverage;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.Symbol;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * The moving average of a symbol at a provider: the maintained one for configured windows, computed
 * from stored price points for any other window. Fails with {@code SymbolNotFound} when no price is
 * stored.
 */
public interface GetMovingAverageUseCase {
  CompletionStage<MovingAverage> get(Symbol symbol, Optional<ProviderId> provider, int window);
}
