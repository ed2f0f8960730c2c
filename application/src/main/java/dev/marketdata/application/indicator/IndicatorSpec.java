package dev.marketdata.application.indicator;

import dev.marketdata.domain.failure.InvalidInput;
import dev.marketdata.domain.indicator.BollingerCalculator;
import dev.marketdata.domain.indicator.EmaCalculator;
import dev.marketdata.domain.indicator.IndicatorCalculator;
import dev.marketdata.domain.indicator.MacdCalculator;
import dev.marketdata.domain.indicator.RsiCalculator;
import dev.marketdata.domain.indicator.SmaCalculator;
import dev.marketdata.domain.model.Required;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An indicator by its API name with every parameter set (defaults filled in), which builds a fresh
 * calculator per computation and says how many inputs one reads.
 *
 * <p>SMA and Bollinger depend only on their last {@code period} inputs. EMA, RSI and MACD depend on
 * every input since their seed, so a computation feeds them {@link #warmUp()} = {@value
 * #WARM_UP_FACTOR} × their longest period inputs more than the values asked for need: the seed's
 * weight in the first value returned is then below (1 − 1/n)^(20n) < e^−20 ≈ 2·10^−9 for Wilder's
 * smoothing and smaller still for an EMA, so the values agree with a computation over the whole
 * history to about nine significant digits of the seed's distance from the price.
 */
public record IndicatorSpec(String indicator, Map<String, Number> params) {
  /** Largest period, fast, slow or signal the API accepts, bounding what one request reads. */
  public static final int MAX_PERIOD = 500;

  /** Extra inputs fed to EMA, RSI and MACD, per unit of their longest period. */
  public static final int WARM_UP_FACTOR = 20;

  private static final Map<String, Map<String, Number>> DEFAULTS = defaults();

  public IndicatorSpec {
    Map<String, Number> defaults = DEFAULTS.get(indicator);
    if (defaults == null) {
      throw new InvalidInput(
          "indicator", indicator, "must be one of " + String.join(", ", DEFAULTS.keySet()));
    }
    Required.field("params", params);
    if (!defaults.keySet().equals(params.keySet())) {
      throw new InvalidInput(
          "params",
          params.keySet(),
          "must be exactly " + String.join(", ", defaults.keySet()) + " for " + indicator);
    }
    for (var e : params.entrySet()) {
      Number value = e.getValue();
      if (defaults.get(e.getKey()) instanceof Integer) {
        if (!(value instanceof Integer i) || i < 1 || i > MAX_PERIOD) {
          throw new InvalidInput(
              e.getKey(), value, "must be a whole number between 1 and " + MAX_PERIOD);
        }
      } else if (!(value instanceof BigDecimal)) {
        throw new InvalidInput(e.getKey(), value, "must be a decimal number");
      }
    }
    params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    calculator(indicator, params); // fails on parameters no calculator accepts (slow ≤ fast, ...)
  }

  /**
   * The indicator named {@code indicator} with the parameters {@code given} (integers, {@code k} a
   * decimal) and the defaults for the rest; a parameter the indicator does not take is rejected
   * naming it.
   */
  public static IndicatorSpec of(String indicator, Map<String, ? extends Number> given) {
    String names = String.join(", ", DEFAULTS.keySet());
    if (indicator == null) {
      throw new InvalidInput("indicator", null, "is required (one of " + names + ")");
    }
    Map<String, Number> defaults = DEFAULTS.get(indicator);
    if (defaults == null) {
      throw new InvalidInput("indicator", indicator, "must be one of " + names);
    }
    for (var e : given.entrySet()) {
      if (!defaults.containsKey(e.getKey())) {
        throw new InvalidInput(
            e.getKey(),
            e.getValue(),
            "is not a parameter of "
                + indicator
                + ", which takes "
                + String.join(", ", defaults.keySet()));
      }
    }
    Map<String, Number> params = new LinkedHashMap<>();
    for (var d : defaults.entrySet()) {
      params.put(d.getKey(), given.containsKey(d.getKey()) ? given.get(d.getKey()) : d.getValue());
    }
    return new IndicatorSpec(indicator, params);
  }

  /** A new calculator, fed from its first input. */
  public IndicatorCalculator<?> calculator() {
    return calculator(indicator, params);
  }

  /** How many inputs the calculator takes before its first value. */
  public int valuesNeeded() {
    return calculator().valuesNeeded();
  }

  /** Inputs fed before the first needed one: 0 for SMA and Bollinger, see the type's comment. */
  public int warmUp() {
    return switch (indicator) {
      case "ema", "rsi" -> WARM_UP_FACTOR * param("period");
      case "macd" -> WARM_UP_FACTOR * Math.max(param("slow"), param("signal"));
      default -> 0;
    };
  }

  private int param(String name) {
    return params.get(name).intValue();
  }

  private static IndicatorCalculator<?> calculator(String indicator, Map<String, Number> p) {
    if (indicator == null) {
      throw new InvalidInput("indicator", null, "is required");
    }
    return switch (indicator) {
      case "sma" -> new SmaCalculator(intParam(p, "period"));
      case "ema" -> new EmaCalculator(intParam(p, "period"));
      case "rsi" -> new RsiCalculator(intParam(p, "period"));
      case "macd" ->
          new MacdCalculator(intParam(p, "fast"), intParam(p, "slow"), intParam(p, "signal"));
      case "bollinger" -> new BollingerCalculator(intParam(p, "period"), decimal(p, "k"));
      default -> throw new InvalidInput("indicator", indicator, "is not known");
    };
  }

  private static int intParam(Map<String, Number> p, String name) {
    if (!(p.get(name) instanceof Integer i)) {
      throw new InvalidInput(name, p.get(name), "must be a whole number");
    }
    return i;
  }

  private static BigDecimal decimal(Map<String, Number> p, String name) {
    if (!(p.get(name) instanceof BigDecimal d)) {
      throw new InvalidInput(name, p.get(name), "must be a decimal number");
    }
    return d;
  }

  private static Map<String, Map<String, Number>> defaults() {
    Map<String, Map<String, Number>> d = new LinkedHashMap<>();
    d.put("sma", Map.of("period", SmaCalculator.DEFAULT_PERIOD));
    d.put("ema", Map.of("period", EmaCalculator.DEFAULT_PERIOD));
    d.put("rsi", Map.of("period", RsiCalculator.DEFAULT_PERIOD));
    Map<String, Number> macd = new LinkedHashMap<>();
    macd.put("fast", MacdCalculator.DEFAULT_FAST);
    macd.put("slow", MacdCalculator.DEFAULT_SLOW);
    macd.put("signal", MacdCalculator.DEFAULT_SIGNAL);
    d.put("macd", Collections.unmodifiableMap(macd));
    Map<String, Number> bollinger = new LinkedHashMap<>();
    bollinger.put("period", BollingerCalculator.DEFAULT_PERIOD);
    bollinger.put("k", BollingerCalculator.DEFAULT_K);
    d.put("bollinger", Collections.unmodifiableMap(bollinger));
    return Collections.unmodifiableMap(d);
  }
}
