package dev.marketdata.domain.model;

import dev.marketdata.domain.failure.InvalidInput;
import java.math.BigDecimal;

/**
 * The bound every price obeys wherever it enters (provider answers, price events): a positive
 * decimal with at most {@value #MAX_PRECISION} significant digits, at most {@value #MAX_SCALE}
 * decimals and at most {@link #MAX}. Anything else is a parsing accident or an attack: {@code
 * 1e-999999999} would make every later division and rendering enormous.
 */
public final class Prices {
  /** Prices beyond this are not market prices but parsing accidents. */
  public static final BigDecimal MAX = new BigDecimal("1000000000000");

  public static final int MAX_PRECISION = 18;
  public static final int MAX_SCALE = 10;

  /**
   * Longest text {@link #parse} reads. The longest usable price needs about 30 characters (18
   * digits, a point, an exponent); converting a longer text would already cost time and memory.
   */
  public static final int MAX_TEXT_LENGTH = 64;

  /** How many characters of a rejected value a message shows. */
  static final int SHOWN_CHARACTERS = 32;

  private Prices() {}

  /**
   * Returns the price, trailing zeros kept as given, after checking the bound. The digit count and
   * the scale are read first: they cost nothing whatever the exponent, while comparing, computing
   * with or rendering a number such as {@code -1e999999999} in plain form may take gigabytes.
   */
  public static BigDecimal require(String field, BigDecimal price) {
    if (price == null) {
      throw new InvalidInput(field, null, "is required");
    }
    if (price.precision() > MAX_PRECISION) {
      throw new InvalidInput(
          field, show(price), "must have at most " + MAX_PRECISION + " significant digits");
    }
    if (price.scale() > MAX_SCALE) {
      throw new InvalidInput(field, show(price), "must have at most " + MAX_SCALE + " decimals");
    }
    if (price.signum() <= 0) {
      throw new InvalidInput(field, show(price), "must be greater than 0");
    }
    if (price.compareTo(MAX) > 0) {
      throw new InvalidInput(field, show(price), "must be at most " + MAX.toPlainString());
    }
    return price;
  }

  /**
   * Reads a price written as decimal text ({@code 150.25}, {@code 1.5E+2}) and checks the bound;
   * text longer than {@value #MAX_TEXT_LENGTH} characters is refused before any conversion.
   */
  public static BigDecimal parse(String field, String text) {
    if (text == null) {
      throw new InvalidInput(field, null, "is required");
    }
    if (text.length() > MAX_TEXT_LENGTH) {
      throw new InvalidInput(
          field,
          show(text),
          "must be a price of at most "
              + MAX_TEXT_LENGTH
              + " characters (was "
              + text.length()
              + ")");
    }
    BigDecimal price;
    try {
      price = new BigDecimal(text);
    } catch (NumberFormatException e) {
      // Also NaN and Infinity, and exponents beyond what a BigDecimal can hold.
      throw new InvalidInput(field, show(text), "must be a finite decimal number");
    }
    return require(field, price);
  }

  /**
   * A rejected value as a short prefix. {@link BigDecimal#toString()} switches to exponent form for
   * large and tiny magnitudes, so its length follows the digits, never the exponent.
   */
  static String show(BigDecimal value) {
    return show(value.toString());
  }

  static String show(String text) {
    return text.length() <= SHOWN_CHARACTERS ? text : text.substring(0, SHOWN_CHARACTERS) + "…";
  }
}
