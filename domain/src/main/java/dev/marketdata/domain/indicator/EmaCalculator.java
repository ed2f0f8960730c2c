package dev.marketdata.domain.indicator;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;

/**
 * EMA(n): α = 2/(n+1), seeded with the SMA of the first n prices, then EMAₜ = α·xₜ + (1−α)·EMAₜ₋₁;
 * carried in {@link IndicatorCalculator#MATH_CONTEXT}, rounded half-even to {@code scale}.
 */
public final class EmaCalculator implements IndicatorCalculator<BigDecimal> {
  public static final int DEFAULT_PERIOD = 20;

  private final int period;
  private final int scale;
  private final ExponentialAverage ema;

  public EmaCalculator(int period, int scale) {
    this.period = Params.period("period", period);
    this.scale = Params.scale(scale);
    this.ema = new ExponentialAverage(period);
  }

  public EmaCalculator(int period) {
    this(period, DEFAULT_SCALE);
  }

  @Override
  public String name() {
    return "ema";
  }

  @Override
  public Map<String, Number> params() {
    return Map.of("period", period);
  }

  @Override
  public int valuesNeeded() {
    return period;
  }

  @Override
  public Optional<BigDecimal> add(BigDecimal price) {
    BigDecimal value = ema.add(Params.price(price));
    return value == null ? Optional.empty() : Optional.of(Params.round(value, scale));
  }
}
