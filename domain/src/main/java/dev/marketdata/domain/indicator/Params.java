package dev.marketdata.domain.indicator;

import static dev.marketdata.domain.indicator.IndicatorCalculator.MAX_PERIOD;
import static dev.marketdata.domain.indicator.IndicatorCalculator.MAX_SCALE;

import dev.marketdata.domain.failure.InvalidInput;
import java.math.BigDecimal;
import java.math.RoundingMode;

/** The checks and the rounding every calculator shares, so they fail and round alike. */
final class Params {
  private Params() {}

  static int period(String name, int value) {
    if (value < 1 || value > MAX_PERIOD) {
      throw new InvalidInput(name, value, "must be between 1 and " + MAX_PERIOD);
    }
    return value;
  }

  static int scale(int scale) {
    if (scale < 0 || scale > MAX_SCALE) {
      throw new InvalidInput("scale", scale, "must be between 0 and " + MAX_SCALE);
    }
    return scale;
  }

  static BigDecimal price(BigDecimal price) {
    if (price == null) {
      throw new InvalidInput("price", null, "is required");
    }
    return price;
  }

  static BigDecimal round(BigDecimal value, int scale) {
    return value.setScale(scale, RoundingMode.HALF_EVEN);
  }
}
