package dev.marketdata.domain.indicator;

import static dev.marketdata.domain.indicator.IndicatorCalculator.MATH_CONTEXT;

import dev.marketdata.domain.failure.InvalidInput;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Bollinger(n, k), default k = 2: middle = SMA(n), upper and lower = middle ± k · the population
 * standard deviation of the last n prices.
 *
 * <p>A running sum and sum of squares give the variance as (n·Σx² − (Σx)²)/n². In floating point
 * that difference cancels catastrophically; here both sums are exact decimals, so it is exact and
 * never negative, and the square root (in {@link IndicatorCalculator#MATH_CONTEXT}) is the only
 * rounding before the bands are rounded half-even to {@code scale}. The middle is exactly {@link
 * SmaCalculator}'s value.
 */
public final class BollingerCalculator implements IndicatorCalculator<BollingerValue> {
  public static final int DEFAULT_PERIOD = 20;
  public static final BigDecimal DEFAULT_K = BigDecimal.valueOf(2);

  private final int period;
  private final BigDecimal k;
  private final int scale;
  private final BigDecimal n;
  private final BigDecimal[] ring;
  private int next;
  private int count;
  private BigDecimal sum = BigDecimal.ZERO;
  private BigDecimal sumOfSquares = BigDecimal.ZERO;

  public BollingerCalculator(int period, BigDecimal k, int scale) {
    this.period = Params.period("period", period);
    if (k == null || k.signum() <= 0) {
      throw new InvalidInput("k", k, "must be a positive number");
    }
    this.k = k;
    this.scale = Params.scale(scale);
    this.n = BigDecimal.valueOf(period);
    this.ring = new BigDecimal[period];
  }

  public BollingerCalculator(int period, BigDecimal k) {
    this(period, k, DEFAULT_SCALE);
  }

  public BollingerCalculator(int period) {
    this(period, DEFAULT_K);
  }

  @Override
  public String name() {
    return "bollinger";
  }

  @Override
  public Map<String, Number> params() {
    Map<String, Number> params = new LinkedHashMap<>();
    params.put("period", period);
    params.put("k", k);
    return Collections.unmodifiableMap(params);
  }

  @Override
  public int valuesNeeded() {
    return period;
  }

  @Override
  public Optional<BollingerValue> add(BigDecimal price) {
    Params.price(price);
    if (count == period) {
      BigDecimal oldest = ring[next];
      sum = sum.subtract(oldest);
      sumOfSquares = sumOfSquares.subtract(oldest.multiply(oldest));
    } else {
      count++;
    }
    ring[next] = price;
    next = (next + 1) % period;
    sum = sum.add(price);
    sumOfSquares = sumOfSquares.add(price.multiply(price));
    if (count < period) {
      return Optional.empty();
    }
    BigDecimal spread = n.multiply(sumOfSquares).subtract(sum.multiply(sum));
    BigDecimal deviation = spread.sqrt(MATH_CONTEXT).divide(n, MATH_CONTEXT);
    BigDecimal band = k.multiply(deviation, MATH_CONTEXT);
    BigDecimal mean = sum.divide(n, MATH_CONTEXT);
    return Optional.of(
        new BollingerValue(
            sum.divide(n, scale, RoundingMode.HALF_EVEN),
            Params.round(mean.add(band, MATH_CONTEXT), scale),
            Params.round(mean.subtract(band, MATH_CONTEXT), scale)));
  }
}
