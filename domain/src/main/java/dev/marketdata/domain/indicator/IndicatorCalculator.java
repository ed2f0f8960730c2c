package dev.marketdata.domain.indicator;

import dev.marketdata.domain.average.MovingAverageCalculator;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Map;
import java.util.Optional;

/**
 * A technical indicator fed one price at a time, oldest first, at O(1) cost per price whatever its
 * period or how many came before; not thread-safe, one owner feeds it.
 *
 * <p>Precision: the SMA (and Bollinger's middle) are exact sums divided once, rounded half-even to
 * {@code scale} as {@link MovingAverageCalculator} does. EMA, RSI, MACD and Bollinger's bands
 * divide recursively or take a square root, so their state is carried in {@link #MATH_CONTEXT} (34
 * significant digits) and rounded half-even to {@code scale} only on the way out, never fed back.
 * Each step's rounding is at most half a unit in the 34th digit and the recurrences shrink old
 * errors (by 1 − α per step), so the error carried stays within about {@code period} units in the
 * 34th digit: for prices below 10^12 and any period up to {@link #MAX_PERIOD}, below 10^−16, eight
 * digits under the default {@link #DEFAULT_SCALE}'s last place, so the values returned are the
 * exact ones correctly rounded except within 10^−16 of a tie. DECIMAL64's 16 digits would leave
 * about 10^−9 for a 20-period EMA of prices in the millions, no margin at 8 decimals.
 *
 * @param <V> the value: {@link BigDecimal} for SMA, EMA and RSI, {@link MacdValue}, {@link
 *     BollingerValue}
 */
public sealed interface IndicatorCalculator<V>
    permits SmaCalculator, EmaCalculator, RsiCalculator, MacdCalculator, BollingerCalculator {

  /** The moving average's scale, so an SMA here and the service's average agree digit for digit. */
  int DEFAULT_SCALE = MovingAverageCalculator.DEFAULT_SCALE;

  /** Largest scale a value may be rounded to. */
  int MAX_SCALE = 32;

  /** Largest period (each calculator may hold that many prices): 40 years of daily bars. */
  int MAX_PERIOD = 10_000;

  /** What the recursive calculators carry their state in. */
  MathContext MATH_CONTEXT = MathContext.DECIMAL128;

  /** The indicator's name as the API spells it: sma, ema, rsi, macd or bollinger. */
  String name();

  /** The indicator's parameters by their API names ({@code period}, {@code k}, ...), in order. */
  Map<String, Number> params();

  /** How many prices {@link #add} must be given before it returns the first value. */
  int valuesNeeded();

  /**
   * Takes the next price and returns the indicator's value after it, or empty while fewer than
   * {@link #valuesNeeded()} prices have been added.
   *
   * @throws dev.marketdata.domain.failure.InvalidInput naming {@code price} when it is null
   */
  Optional<V> add(BigDecimal price);
}
