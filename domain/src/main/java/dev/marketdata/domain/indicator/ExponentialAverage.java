package dev.marketdata.domain.indicator;

import static dev.marketdata.domain.indicator.IndicatorCalculator.MATH_CONTEXT;

import java.math.BigDecimal;

/**
 * The unrounded EMA that {@link EmaCalculator} rounds and {@link MacdCalculator} combines three of:
 * seeded with the mean of the first {@code period} values, then {@code prev + α·(x − prev)}, which
 * is {@code α·x + (1 − α)·prev} with one product fewer and leaves a constant series exactly
 * constant.
 */
final class ExponentialAverage {
  private final int period;
  private final BigDecimal alpha;
  private int count;
  private BigDecimal seedSum = BigDecimal.ZERO;
  private BigDecimal value;

  ExponentialAverage(int period) {
    this.period = period;
    this.alpha = BigDecimal.valueOf(2).divide(BigDecimal.valueOf(period + 1L), MATH_CONTEXT);
  }

  /** The EMA after {@code x}, or null while fewer than {@code period} values have been seen. */
  BigDecimal add(BigDecimal x) {
    if (value != null) {
      value =
          value.add(alpha.multiply(x.subtract(value, MATH_CONTEXT), MATH_CONTEXT), MATH_CONTEXT);
      return value;
    }
    seedSum = seedSum.add(x);
    if (++count < period) {
      return null;
    }
    value = seedSum.divide(BigDecimal.valueOf(period), MATH_CONTEXT);
    seedSum = null;
    return value;
  }
}
