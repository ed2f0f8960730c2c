package dev.marketdata.domain.indicator;

import static dev.marketdata.domain.indicator.IndicatorCalculator.MATH_CONTEXT;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;

/**
 * RSI(n), Wilder's: the first average gain and loss are the simple means of the first n changes,
 * then avg = (prev·(n−1) + current)/n, and RSI = 100 − 100/(1 + gain/loss), 100 when the average
 * loss is 0 — also when the average gain is 0 too (a series that has not moved), because that is
 * the definition the API documents (issue 17); 50 would be the "neutral" reading some libraries
 * give there, and ta4j 0.17 answers 0. n+1 prices make n changes, so the first value needs n+1.
 * Carried in {@link IndicatorCalculator#MATH_CONTEXT}, rounded half-even to {@code scale}.
 */
public final class RsiCalculator implements IndicatorCalculator<BigDecimal> {
  public static final int DEFAULT_PERIOD = 14;

  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  private final int period;
  private final int scale;
  private final BigDecimal n;
  private final BigDecimal nMinusOne;
  private BigDecimal previous;
  private int changes;
  private BigDecimal gain = BigDecimal.ZERO;
  private BigDecimal loss = BigDecimal.ZERO;

  public RsiCalculator(int period, int scale) {
    this.period = Params.period("period", period);
    this.scale = Params.scale(scale);
    this.n = BigDecimal.valueOf(period);
    this.nMinusOne = BigDecimal.valueOf(period - 1L);
  }

  public RsiCalculator(int period) {
    this(period, DEFAULT_SCALE);
  }

  @Override
  public String name() {
    return "rsi";
  }

  @Override
  public Map<String, Number> params() {
    return Map.of("period", period);
  }

  @Override
  public int valuesNeeded() {
    return period + 1;
  }

  @Override
  public Optional<BigDecimal> add(BigDecimal price) {
    Params.price(price);
    if (previous == null) {
      previous = price;
      return Optional.empty();
    }
    BigDecimal change = price.subtract(previous);
    previous = price;
    BigDecimal up = change.signum() > 0 ? change : BigDecimal.ZERO;
    BigDecimal down = change.signum() < 0 ? change.negate() : BigDecimal.ZERO;
    changes++;
    if (changes < period) {
      // Exact sums until the first averages.
      gain = gain.add(up);
      loss = loss.add(down);
      return Optional.empty();
    }
    if (changes == period) {
      gain = gain.add(up).divide(n, MATH_CONTEXT);
      loss = loss.add(down).divide(n, MATH_CONTEXT);
    } else {
      gain = gain.multiply(nMinusOne).add(up).divide(n, MATH_CONTEXT);
      loss = loss.multiply(nMinusOne).add(down).divide(n, MATH_CONTEXT);
      changes = period; // past the seed; keeps the counter from overflowing on endless feeds
    }
    return Optional.of(Params.round(rsi(), scale));
  }

  /**
   * 100 − 100/(1 + G/L) = 100·G/(G + L): one division, and 100 when L = 0 (G > 0) falls out of it;
   * L = 0 with G = 0 is 100 by the definition's "100 when loss is 0".
   */
  private BigDecimal rsi() {
    BigDecimal total = gain.add(loss);
    if (loss.signum() == 0) {
      return HUNDRED;
    }
    return HUNDRED.multiply(gain).divide(total, MATH_CONTEXT);
  }
}
