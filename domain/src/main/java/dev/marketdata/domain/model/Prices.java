package dev.marketdata.domain.model;

import dev.marketdata.domain.failure.InvalidInput;
import java.math.BigDecimal;

/** Checks shared by every value that carries a price. */
public final class Prices {
  /** Prices beyond this are not market prices but parsing accidents. */
  public static final BigDecimal MAX = new BigDecimal("1000000000000");

  private Prices() {}

  /** Returns the price with trailing zeros kept as given, after checking it is positive. */
  public static BigDecimal requirePositive(String field, BigDecimal price) {
    if (price == null) {
      throw new InvalidInput(field, null, "is required");
    }
    if (price.signum() <= 0) {
      throw new InvalidInput(field, price.toPlainString(), "must be greater than 0");
    }
    if (price.compareTo(MAX) > 0) {
      throw new InvalidInput(
          field, price.toPlainString(), "must be at most " + MAX.toPlainString());
    }
    return price;
  }
}
