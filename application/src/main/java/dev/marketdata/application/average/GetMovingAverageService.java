package dev.marketdata.application.average;

import dev.marketdata.application.quality.CountedPoints;
import dev.marketdata.application.support.Futures;
import dev.marketdata.domain.average.MovingAverageWindow;
import dev.marketdata.domain.failure.InvalidInput;
import dev.marketdata.domain.failure.SymbolNotFound;
import dev.marketdata.domain.model.MovingAverage;
import dev.marketdata.domain.model.PricePoint;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.Symbol;
import dev.marketdata.domain.port.MovingAverageRepository;
import dev.marketdata.domain.port.PricePointRepository;
import dev.marketdata.domain.port.QuoteProviders;
import dev.marketdata.domain.quality.QualityRules;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Serves the maintained average for configured windows; any other window, or a maintained one the
 * consumer has not reached yet, is computed from the newest stored price points with the same
 * rules.
 */
public final class GetMovingAverageService implements GetMovingAverageUseCase {
  public static final int MAX_WINDOW = 1000;

  private final MovingAverageRepository averages;
  private final CountedPoints points;
  private final QuoteProviders providers;
  private final AverageWindows windows;

  @Inject
  public GetMovingAverageService(
      MovingAverageRepository averages,
      PricePointRepository points,
      QuoteProviders providers,
      AverageWindows windows,
      QualityRules rules) {
    this.averages = averages;
    // Computed as the consumer keeps them: the newest distinct quotes that count (ADR 0014).
    this.points = new CountedPoints(points, rules);
    this.providers = providers;
    this.windows = windows;
  }

  /** With the default data-quality rules (suspect prices left out). */
  public GetMovingAverageService(
      MovingAverageRepository averages,
      PricePointRepository points,
      QuoteProviders providers,
      AverageWindows windows) {
    this(averages, points, providers, windows, QualityRules.defaults());
  }

  @Override
  public CompletionStage<MovingAverage> get(
      Symbol symbol, Optional<ProviderId> requested, int window) {
    return Futures.defer(
        () -> {
          if (window < 1 || window > MAX_WINDOW) {
            throw new InvalidInput("window", window, "must be between 1 and " + MAX_WINDOW);
          }
          ProviderId provider = requested.orElseGet(providers::defaultProvider);
          if (!windows.maintained(window)) {
            return computed(symbol, provider, window);
          }
          return averages
              .find(symbol, provider, window)
              .thenCompose(
                  found ->
                      found.isPresent()
                          ? CompletableFuture.completedFuture(found.get())
                          : computed(symbol, provider, window));
        });
  }

  private CompletionStage<MovingAverage> computed(Symbol symbol, ProviderId provider, int window) {
    return points
        .newest(symbol, provider, window)
        .thenApply(newest -> fold(symbol, provider, window, newest));
  }

  private static MovingAverage fold(
      Symbol symbol, ProviderId provider, int window, List<PricePoint> newest) {
    return MovingAverageWindow.empty(symbol, provider, window)
        .applyAll(newest.stream().map(PricePoint::toEvent).toList())
        .average()
        .orElseThrow(() -> new SymbolNotFound(symbol.value(), provider.value()));
  }
}
