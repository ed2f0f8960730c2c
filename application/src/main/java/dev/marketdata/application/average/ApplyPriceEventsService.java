package dev.marketdata.application.average;

import dev.marketdata.domain.model.MovingAverage;
import dev.marketdata.domain.model.PriceEvent;
import dev.marketdata.domain.model.TraceContext;
import dev.marketdata.domain.port.MovingAverageRepository;
import dev.marketdata.domain.port.OutboxDoorbell;
import dev.marketdata.domain.quality.QualityRules;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Hands event batches to the repository, which applies them to every maintained window. Suspect
 * prices (ADR 0014) are left out unless the rules include them, so "the last N prices" of an
 * average are N prices that count; every consumer replica filters alike, so the windows agree.
 */
public final class ApplyPriceEventsService implements ApplyPriceEventsUseCase {
  private final MovingAverageRepository averages;
  private final AverageWindows windows;
  private final QualityRules rules;
  private final OutboxDoorbell doorbell;

  @Inject
  public ApplyPriceEventsService(
      MovingAverageRepository averages,
      AverageWindows windows,
      QualityRules rules,
      OutboxDoorbell doorbell) {
    this.averages = averages;
    this.windows = windows;
    this.rules = rules;
    this.doorbell = doorbell;
  }

  public ApplyPriceEventsService(
      MovingAverageRepository averages, AverageWindows windows, QualityRules rules) {
    this(averages, windows, rules, OutboxDoorbell.none());
  }

  /** With the default rules: suspect prices are left out. */
  public ApplyPriceEventsService(MovingAverageRepository averages, AverageWindows windows) {
    this(averages, windows, QualityRules.defaults());
  }

  @Override
  public CompletionStage<List<MovingAverage>> apply(List<PriceEvent> events) {
    return apply(events, Map.of());
  }

  @Override
  public CompletionStage<List<MovingAverage>> apply(
      List<PriceEvent> events, Map<UUID, TraceContext> traces) {
    List<PriceEvent> counted = events.stream().filter(e -> rules.counts(e.suspect())).toList();
    if (counted.isEmpty()) {
      return CompletableFuture.completedFuture(List.of());
    }
    return averages
        .apply(counted, windows.sizes(), traces)
        .thenApply(
            applied -> {
              if (!applied.isEmpty()) {
                doorbell.ring(OutboxDoorbell.Kind.AVERAGES); // committed with the averages
              }
              return applied;
            });
  }
}
