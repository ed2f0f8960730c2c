package dev.marketdata.application.quality;

import dev.marketdata.domain.model.PricePoint;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.Symbol;
import dev.marketdata.domain.port.PricePointRepository;
import dev.marketdata.domain.quality.QualityRules;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The newest {@code count} points that count for averages and indicators (ADR 0014): suspect ones
 * are skipped unless the rules include them, and then older points are read in their place, so "the
 * last N prices" are N prices that count, as the averages consumer keeps them.
 */
public final class CountedPoints {
  private final PricePointRepository points;
  private final QualityRules rules;

  public CountedPoints(PricePointRepository points, QualityRules rules) {
    this.points = points;
    this.rules = rules;
  }

  /** Newest first, as {@link PricePointRepository#newest}. */
  public CompletionStage<List<PricePoint>> newest(Symbol symbol, ProviderId provider, int count) {
    return read(symbol, provider, count, count);
  }

  private CompletionStage<List<PricePoint>> read(
      Symbol symbol, ProviderId provider, int count, int asked) {
    return points
        .newest(symbol, provider, asked)
        .thenCompose(
            newest -> {
              List<PricePoint> counted =
                  newest.stream().filter(p -> rules.counts(p.suspect())).toList();
              if (counted.size() >= count || newest.size() < asked) {
                return CompletableFuture.completedFuture(
                    counted.subList(0, Math.min(count, counted.size())));
              }
              // Each suspect point read makes room for one more, read in a wider query.
              int more = asked + (count - counted.size()) * 2;
              return read(symbol, provider, count, more);
            });
  }
}
