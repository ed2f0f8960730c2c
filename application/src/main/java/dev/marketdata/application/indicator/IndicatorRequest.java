package dev.marketdata.application.indicator;

import dev.marketdata.domain.failure.InvalidInput;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.Required;
import dev.marketdata.domain.model.Symbol;

/** The last {@code points} values of one indicator over one symbol's series at one provider. */
public record IndicatorRequest(
    Symbol symbol, ProviderId provider, IndicatorSpec spec, SeriesInterval interval, int points) {
  public static final int DEFAULT_POINTS = 1;
  public static final int MAX_POINTS = 1000;

  public IndicatorRequest {
    Required.field("symbol", symbol);
    Required.field("provider", provider);
    Required.field("indicator", spec);
    Required.field("interval", interval);
    if (points < 1 || points > MAX_POINTS) {
      throw new InvalidInput("points", points, "must be between 1 and " + MAX_POINTS);
    }
  }

  /** The fewest inputs that give {@code points} values. */
  public int inputsNeeded() {
    return spec.valuesNeeded() + points - 1;
  }

  /** The inputs a computation reads when they exist: those needed plus the warm-up. */
  public int inputsWanted() {
    return inputsNeeded() + spec.warmUp();
  }
}
