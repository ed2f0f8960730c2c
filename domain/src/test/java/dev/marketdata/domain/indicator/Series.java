package dev.marketdata.domain.indicator;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/** Price series for the indicator tests, and feeding them to a calculator. */
final class Series {
  private Series() {}

  static List<BigDecimal> of(String... prices) {
    return Arrays.stream(prices).map(BigDecimal::new).toList();
  }

  /**
   * A random walk of {@code length} positive prices: cents around 100, or 8-decimal prices around
   * 0.0001 (scale chosen by the random), so both the usual and the tiny-price case are covered.
   */
  static List<BigDecimal> randomWalk(Random random, int length) {
    boolean tiny = random.nextInt(4) == 0;
    int scale = tiny ? 8 : 2;
    long unscaled = 10_000 + random.nextInt(1_000);
    List<BigDecimal> prices = new ArrayList<>(length);
    for (int i = 0; i < length; i++) {
      unscaled = Math.max(1, unscaled + random.nextInt(401) - 200);
      prices.add(BigDecimal.valueOf(unscaled, scale));
    }
    return prices;
  }

  /** Every value the calculator returns, one per price, empty where it had none. */
  static <V> List<Optional<V>> feed(IndicatorCalculator<V> calculator, List<BigDecimal> prices) {
    List<Optional<V>> values = new ArrayList<>(prices.size());
    for (BigDecimal price : prices) {
      values.add(calculator.add(price));
    }
    return values;
  }
}
