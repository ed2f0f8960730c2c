package dev.marketdata.domain.model;

import dev.marketdata.domain.failure.InvalidInput;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * The simple moving average of the last {@code windowSize} prices of one symbol at one provider;
 * {@code sampleCount < windowSize} while the window is still filling.
 */
public record MovingAverage(
    Symbol symbol,
    ProviderId provider,
    int windowSize,
    BigDecimal value,
    int sampleCount,
    Instant asOf) {
  public MovingAverage {
    Required.field("symbol", symbol);
    Required.field("provider", provider);
    if (windowSize < 1) {
      throw new InvalidInput("window", windowSize, "must be at least 1");
    }
    Required.field("value", value);
    if (sampleCount < 1 || sampleCount > windowSize) {
      throw new InvalidInput("sampleCount", sampleCount, "must be between 1 and the window size");
    }
    Required.field("asOf", asOf);
  }

  /** True once the window holds {@code windowSize} prices. */
  public boolean full() {
    return sampleCount == windowSize;
  }
}
