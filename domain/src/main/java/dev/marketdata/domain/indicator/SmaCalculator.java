package dev.marketdata.domain.indicator;

import dev.marketdata.domain.average.MovingAverageCalculator;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;

/**
 * SMA(n): the mean of the last n prices, exact until the one division rounded half-even to {@code
 * scale}; the service's moving average over the same prices, and only once n prices are in.
 */
public final class SmaCalculator implements IndicatorCalculator<BigDecimal> {
  public static final int DEFAULT_PERIOD = 20;

  private final int period;
  private final MovingAverageCalculator.Rolling window;

  public SmaCalculator(int period, int scale) {
    this.period = Params.period("period", period);
    this.window = new MovingAverageCalculator(period, Params.scale(scale)).rolling();
  }

  public SmaCalculator(int period) {
    this(period, DEFAULT_SCALE);
  }

  @Override
  public String name() {
    return "sma";
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
    MovingAverageCalculator.Result result = window.add(Params.price(price));
    return result.full() ? Optional.of(result.value()) : Optional.empty();
  }
}
