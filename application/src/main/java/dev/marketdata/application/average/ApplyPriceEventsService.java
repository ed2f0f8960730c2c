package dev.marketdata.application.average;

import dev.marketdata.domain.model.MovingAverage;
import dev.marketdata.domain.model.PriceEvent;
import dev.marketdata.domain.port.MovingAverageRepository;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Hands event batches to the repository, which applies them to every maintained window. */
public final class ApplyPriceEventsService implements ApplyPriceEventsUseCase {
  private final MovingAverageRepository averages;
  private final AverageWindows windows;

  @Inject
  public ApplyPriceEventsService(MovingAverageRepository averages, AverageWindows windows) {
    this.averages = averages;
    this.windows = windows;
  }

  @Override
  public CompletionStage<List<MovingAverage>> apply(List<PriceEvent> events) {
    if (events.isEmpty()) {
      return CompletableFuture.completedFuture(List.of());
    }
    return averages.apply(List.copyOf(events), windows.sizes());
  }
}
