package dev.marketdata.domain.indicator;

import static dev.marketdata.domain.indicator.IndicatorCalculator.MATH_CONTEXT;

import dev.marketdata.domain.failure.InvalidInput;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * MACD(fast, slow, signal), default (12, 26, 9): the MACD line is EMA(fast) − EMA(slow) over the
 * same prices, defined from the slow-th price; the signal is the EMA(signal) of the MACD line,
 * seeded like any {@link EmaCalculator} with the mean of its first {@code signal} values; the
 * histogram is MACD − signal.
 *
 * <p>A partial value is not a {@link MacdValue}: {@link #add} answers empty until all three are
 * defined ({@code slow + signal − 1} prices), so every value it returns is complete and "how much
 * data" is one number. The MACD line alone, defined earlier, is {@link #line()}. Carried in {@link
 * IndicatorCalculator#MATH_CONTEXT}, each part rounded half-even to {@code scale}.
 */
public final class MacdCalculator implements IndicatorCalculator<MacdValue> {
  public static final int DEFAULT_FAST = 12;
  public static final int DEFAULT_SLOW = 26;
  public static final int DEFAULT_SIGNAL = 9;

  private final int fast;
  private final int slow;
  private final int signal;
  private final int scale;
  private final ExponentialAverage fastEma;
  private final ExponentialAverage slowEma;
  private final ExponentialAverage signalEma;
  private BigDecimal line;

  public MacdCalculator(int fast, int slow, int signal, int scale) {
    this.fast = Params.period("fast", fast);
    this.slow = Params.period("slow", slow);
    if (slow <= fast) {
      throw new InvalidInput("slow", slow, "must be greater than fast (" + fast + ")");
    }
    this.signal = Params.period("signal", signal);
    this.scale = Params.scale(scale);
    this.fastEma = new ExponentialAverage(fast);
    this.slowEma = new ExponentialAverage(slow);
    this.signalEma = new ExponentialAverage(signal);
  }

  public MacdCalculator(int fast, int slow, int signal) {
    this(fast, slow, signal, DEFAULT_SCALE);
  }

  /** MACD(12, 26, 9). */
  public static MacdCalculator standard() {
    return new MacdCalculator(DEFAULT_FAST, DEFAULT_SLOW, DEFAULT_SIGNAL);
  }

  @Override
  public String name() {
    return "macd";
  }

  @Override
  public Map<String, Number> params() {
    Map<String, Number> params = new LinkedHashMap<>();
    params.put("fast", fast);
    params.put("slow", slow);
    params.put("signal", signal);
    return Collections.unmodifiableMap(params);
  }

  @Override
  public int valuesNeeded() {
    return slow + signal - 1;
  }

  /** How many prices the MACD line alone needs: {@code slow}. */
  public int lineValuesNeeded() {
    return slow;
  }

  @Override
  public Optional<MacdValue> add(BigDecimal price) {
    Params.price(price);
    BigDecimal fastValue = fastEma.add(price);
    BigDecimal slowValue = slowEma.add(price);
    if (slowValue == null) {
      return Optional.empty();
    }
    // fast < slow, so the fast EMA is defined whenever the slow one is.
    line = fastValue.subtract(slowValue, MATH_CONTEXT);
    BigDecimal signalValue = signalEma.add(line);
    if (signalValue == null) {
      return Optional.empty();
    }
    BigDecimal histogram = line.subtract(signalValue, MATH_CONTEXT);
    return Optional.of(
        new MacdValue(
            Params.round(line, scale),
            Params.round(signalValue, scale),
            Params.round(histogram, scale)));
  }

  /** The MACD line after the last price, once {@link #lineValuesNeeded()} prices are in. */
  public Optional<BigDecimal> line() {
    return Optional.ofNullable(line).map(value -> Params.round(value, scale));
  }
}
