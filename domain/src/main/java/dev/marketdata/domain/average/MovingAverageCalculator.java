package dev.marketdata.domain.average;

import dev.marketdata.domain.failure.InvalidInput;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * Simple moving average of the last N prices (N = 5 by default), in exact decimal arithmetic
 * rounded half-even to {@link #scale()} digits only at the final division.
 */
public final class MovingAverageCalculator {
  public static final int DEFAULT_WINDOW = 5;

  /** Enough digits for prices quoted to 8 decimals, such as 0.00012345. */
  public static final int DEFAULT_SCALE = 8;

  private final int window;
  private final int scale;

  public MovingAverageCalculator(int window, int scale) {
    if (window < 1) {
      throw new InvalidInput("window", window, "must be at least 1");
    }
    if (scale < 0 || scale > 32) {
      throw new InvalidInput("scale", scale, "must be between 0 and 32");
    }
    this.window = window;
    this.scale = scale;
  }

  public static MovingAverageCalculator ofWindow(int window) {
    return new MovingAverageCalculator(window, DEFAULT_SCALE);
  }

  public int window() {
    return window;
  }

  public int scale() {
    return scale;
  }

  /**
   * The mean of the last {@code window} prices of {@code prices} (oldest first); fewer prices give
   * the partial mean of what there is.
   */
  public Result average(List<BigDecimal> prices) {
    if (prices == null || prices.isEmpty()) {
      throw new InvalidInput("prices", prices, "must hold at least one price");
    }
    List<BigDecimal> last = prices.subList(Math.max(0, prices.size() - window), prices.size());
    BigDecimal sum = BigDecimal.ZERO;
    for (BigDecimal price : last) {
      if (price == null) {
        throw new InvalidInput("prices", prices, "must not contain null");
      }
      sum = sum.add(price);
    }
    return new Result(divide(sum, last.size()), last.size(), window);
  }

  /** The spec's one-liner: the mean of the given prices, rounded to {@link #DEFAULT_SCALE}. */
  public static BigDecimal averageOf(List<BigDecimal> prices) {
    return new MovingAverageCalculator(Math.max(1, prices.size()), DEFAULT_SCALE)
        .average(prices)
        .value();
  }

  /** A rolling window over this calculator's N and scale, fed one price at a time. */
  public Rolling rolling() {
    return new Rolling(this);
  }

  BigDecimal divide(BigDecimal sum, int count) {
    return sum.divide(BigDecimal.valueOf(count), scale, RoundingMode.HALF_EVEN);
  }

  /**
   * An average together with how many prices it is made of.
   *
   * @param full true when {@code sampleCount == window}; a partial average says so
   */
  public record Result(BigDecimal value, int sampleCount, int window) {
    public boolean full() {
      return sampleCount == window;
    }
  }

  /**
   * A ring buffer of the last N prices with a running sum, so {@link #add} and {@link #current}
   * cost O(1) whatever N is. Not thread-safe: one owner feeds it.
   */
  public static final class Rolling {
    private final MovingAverageCalculator calculator;
    private final BigDecimal[] ring;
    private int next;
    private int count;
    private BigDecimal sum = BigDecimal.ZERO;

    private Rolling(MovingAverageCalculator calculator) {
      this.calculator = calculator;
      this.ring = new BigDecimal[calculator.window];
    }

    /** Takes one price, dropping the oldest once N are held, and returns the new average. */
    public Result add(BigDecimal price) {
      if (price == null) {
        throw new InvalidInput("price", null, "is required");
      }
      if (count == ring.length) {
        sum = sum.subtract(ring[next]);
      } else {
        count++;
      }
      ring[next] = price;
      sum = sum.add(price);
      next = (next + 1) % ring.length;
      return current();
    }

    public Result current() {
      if (count == 0) {
        throw new IllegalStateException("no price added yet");
      }
      return new Result(calculator.divide(sum, count), count, ring.length);
    }

    public int sampleCount() {
      return count;
    }
  }
}
