package dev.marketdata.domain.indicator;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The indicators written the straightforward way, over a whole list at once, in 50 significant
 * digits: two-pass variance, α·x + (1 − α)·prev, RSI as 100 − 100/(1 + RS). Nothing is shared with
 * the calculators, so an incremental shortcut that is wrong shows up as a difference. Each list
 * holds the unrounded value at each index, null where the indicator is not yet defined.
 */
final class Reference {
  static final MathContext MC = new MathContext(50);
  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  private Reference() {}

  static BigDecimal mean(List<BigDecimal> xs) {
    BigDecimal sum = BigDecimal.ZERO;
    for (BigDecimal x : xs) {
      sum = sum.add(x);
    }
    return sum.divide(BigDecimal.valueOf(xs.size()), MC);
  }

  static List<BigDecimal> sma(List<BigDecimal> xs, int n) {
    List<BigDecimal> out = nulls(xs.size());
    for (int i = n - 1; i < xs.size(); i++) {
      out.set(i, mean(xs.subList(i - n + 1, i + 1)));
    }
    return out;
  }

  /** Population standard deviation of the last n, by the mean of squared deviations. */
  static List<BigDecimal> deviation(List<BigDecimal> xs, int n) {
    List<BigDecimal> out = nulls(xs.size());
    for (int i = n - 1; i < xs.size(); i++) {
      List<BigDecimal> window = xs.subList(i - n + 1, i + 1);
      BigDecimal mean = mean(window);
      List<BigDecimal> squares = new ArrayList<>();
      for (BigDecimal x : window) {
        squares.add(x.subtract(mean).pow(2, MC));
      }
      out.set(i, mean(squares).sqrt(MC));
    }
    return out;
  }

  /** EMA over the non-null values of xs, seeded with the SMA of the first n of them. */
  static List<BigDecimal> ema(List<BigDecimal> xs, int n) {
    BigDecimal alpha = BigDecimal.valueOf(2).divide(BigDecimal.valueOf(n + 1L), MC);
    BigDecimal keep = BigDecimal.ONE.subtract(alpha);
    List<BigDecimal> out = nulls(xs.size());
    List<BigDecimal> seed = new ArrayList<>();
    BigDecimal previous = null;
    for (int i = 0; i < xs.size(); i++) {
      BigDecimal x = xs.get(i);
      if (x == null) {
        continue;
      }
      if (previous == null) {
        seed.add(x);
        if (seed.size() == n) {
          previous = mean(seed);
          out.set(i, previous);
        }
        continue;
      }
      previous = alpha.multiply(x, MC).add(keep.multiply(previous, MC), MC);
      out.set(i, previous);
    }
    return out;
  }

  /** Wilder's RSI; 100 whenever the average loss is 0, as the definition says. */
  static List<BigDecimal> rsi(List<BigDecimal> xs, int n) {
    List<BigDecimal> out = nulls(xs.size());
    BigDecimal gain = BigDecimal.ZERO;
    BigDecimal loss = BigDecimal.ZERO;
    for (int i = 1; i < xs.size(); i++) {
      BigDecimal change = xs.get(i).subtract(xs.get(i - 1));
      BigDecimal up = change.max(BigDecimal.ZERO);
      BigDecimal down = change.negate().max(BigDecimal.ZERO);
      if (i < n) {
        gain = gain.add(up);
        loss = loss.add(down);
        continue;
      }
      BigDecimal size = BigDecimal.valueOf(n);
      if (i == n) {
        gain = gain.add(up).divide(size, MC);
        loss = loss.add(down).divide(size, MC);
      } else {
        BigDecimal old = BigDecimal.valueOf(n - 1L);
        gain = gain.multiply(old, MC).add(up, MC).divide(size, MC);
        loss = loss.multiply(old, MC).add(down, MC).divide(size, MC);
      }
      if (loss.signum() == 0) {
        out.set(i, HUNDRED);
      } else {
        BigDecimal rs = gain.divide(loss, MC);
        out.set(i, HUNDRED.subtract(HUNDRED.divide(BigDecimal.ONE.add(rs), MC)));
      }
    }
    return out;
  }

  /** MACD line, signal and histogram lists; signal and histogram over the defined line only. */
  static List<List<BigDecimal>> macd(List<BigDecimal> xs, int fast, int slow, int signal) {
    List<BigDecimal> fastEma = ema(xs, fast);
    List<BigDecimal> slowEma = ema(xs, slow);
    List<BigDecimal> line = nulls(xs.size());
    for (int i = 0; i < xs.size(); i++) {
      if (slowEma.get(i) != null) {
        line.set(i, fastEma.get(i).subtract(slowEma.get(i), MC));
      }
    }
    List<BigDecimal> signalLine = ema(line, signal);
    List<BigDecimal> histogram = nulls(xs.size());
    for (int i = 0; i < xs.size(); i++) {
      if (signalLine.get(i) != null) {
        histogram.set(i, line.get(i).subtract(signalLine.get(i), MC));
      }
    }
    return List.of(line, signalLine, histogram);
  }

  private static List<BigDecimal> nulls(int size) {
    return new ArrayList<>(Collections.nCopies(size, null));
  }
}
