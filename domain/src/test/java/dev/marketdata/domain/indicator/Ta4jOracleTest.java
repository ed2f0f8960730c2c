package dev.marketdata.domain.indicator;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseBarSeriesBuilder;
import org.ta4j.core.Indicator;
import org.ta4j.core.indicators.EMAIndicator;
import org.ta4j.core.indicators.MACDIndicator;
import org.ta4j.core.indicators.MMAIndicator;
import org.ta4j.core.indicators.RSIIndicator;
import org.ta4j.core.indicators.SMAIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsLowerIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsMiddleIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsUpperIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.indicators.numeric.NumericIndicator;
import org.ta4j.core.indicators.statistics.StandardDeviationIndicator;
import org.ta4j.core.num.DecimalNum;
import org.ta4j.core.num.Num;

/**
 * The calculators against ta4j-core 0.17, an independent implementation, on random walks.
 *
 * <p>ta4j computes in 32-digit {@link DecimalNum}, so SMA and Bollinger (which it defines as we do:
 * the mean and population deviation of the last n) must agree to {@link #CLOSE}, 10^−18, with ours
 * carried at 20 places. ta4j seeds its EMA with the first price, not the SMA of the first n, and
 * its Wilder averages (MMA, behind RSI) with the first change; the EMA and MACD are compared both
 * with the seed aligned (ta4j fed the SMA of our first n, then the rest) and, like RSI, on the raw
 * series once the seed's weight (1 − α)^t is below 10^−20. ta4j's α goes through a double
 * (2.0/(n+1), ~10^−17 relative), which costs it about 10^−15 on these prices, so those comparisons
 * allow {@link #LOOSE}, 10^−12: far below the 10^−8 a value is rounded to, far above that error.
 */
class Ta4jOracleTest {
  private static final int FINE = 20;
  private static final BigDecimal CLOSE = new BigDecimal("1E-18");
  private static final BigDecimal LOOSE = new BigDecimal("1E-12");
  private static final ZonedDateTime T0 = ZonedDateTime.of(2026, 1, 2, 0, 0, 0, 0, ZoneOffset.UTC);

  private static ClosePriceIndicator closes(List<BigDecimal> prices) {
    BarSeries series =
        new BaseBarSeriesBuilder().withName("oracle").withNumTypeOf(DecimalNum.class).build();
    for (int i = 0; i < prices.size(); i++) {
      String p = prices.get(i).toPlainString();
      series.addBar(T0.plusDays(i), p, p, p, p);
    }
    return new ClosePriceIndicator(series);
  }

  private static BigDecimal value(Indicator<Num> indicator, int index) {
    return indicator.getValue(index).bigDecimalValue();
  }

  /** Indices from which the seed weighs less than 10^−20: (1 − α)^t < 10^−20. */
  private static int settled(double alpha) {
    return (int) Math.ceil(Math.log(1e-20) / Math.log(1 - alpha));
  }

  private static <V> void assertAgree(
      List<Optional<V>> ours,
      Function<V, BigDecimal> part,
      IntFunction<BigDecimal> theirs,
      int from,
      BigDecimal tolerance) {
    assertThat(from).isLessThan(ours.size());
    for (int i = from; i < ours.size(); i++) {
      BigDecimal a = part.apply(ours.get(i).orElseThrow());
      BigDecimal b = theirs.apply(i);
      assertThat(a.subtract(b).abs())
          .as("index %d: ours %s, ta4j %s", i, a, b)
          .isLessThanOrEqualTo(tolerance);
    }
  }

  @Test
  void sma_agreesWithTa4j() {
    Random random = new Random(1);
    for (int period : new int[] {1, 2, 5, 20, 50}) {
      List<BigDecimal> prices = Series.randomWalk(random, 300);
      SMAIndicator sma = new SMAIndicator(closes(prices), period);
      assertAgree(
          Series.feed(new SmaCalculator(period, FINE), prices),
          v -> v,
          i -> value(sma, i),
          period - 1,
          CLOSE);
    }
  }

  @Test
  void bollinger_agreesWithTa4j() {
    Random random = new Random(2);
    for (int period : new int[] {2, 5, 20, 50}) {
      for (String k : new String[] {"2", "1.5", "3"}) {
        List<BigDecimal> prices = Series.randomWalk(random, 300);
        ClosePriceIndicator close = closes(prices);
        var middle = new BollingerBandsMiddleIndicator(new SMAIndicator(close, period));
        var deviation = new StandardDeviationIndicator(close, period);
        Num kNum = DecimalNum.valueOf(k);
        var upper = new BollingerBandsUpperIndicator(middle, deviation, kNum);
        var lower = new BollingerBandsLowerIndicator(middle, deviation, kNum);
        List<Optional<BollingerValue>> ours =
            Series.feed(new BollingerCalculator(period, new BigDecimal(k), FINE), prices);

        assertAgree(ours, BollingerValue::middle, i -> value(middle, i), period - 1, CLOSE);
        assertAgree(ours, BollingerValue::upper, i -> value(upper, i), period - 1, CLOSE);
        assertAgree(ours, BollingerValue::lower, i -> value(lower, i), period - 1, CLOSE);
      }
    }
  }

  @Test
  void ema_withTheSeedAligned_agreesWithTa4jFromTheFirstValue() {
    Random random = new Random(3);
    for (int period : new int[] {1, 3, 12, 26}) {
      List<BigDecimal> prices = Series.randomWalk(random, 200);
      // ta4j's EMA at 0 is its first input: give it our seed, then the prices after the first n.
      List<BigDecimal> aligned = new ArrayList<>();
      aligned.add(Reference.mean(prices.subList(0, period)).round(MathContext.DECIMAL128));
      aligned.addAll(prices.subList(period, prices.size()));
      EMAIndicator ema = new EMAIndicator(closes(aligned), period);

      assertAgree(
          Series.feed(new EmaCalculator(period, FINE), prices),
          v -> v,
          i -> value(ema, i - period + 1),
          period - 1,
          LOOSE);
    }
  }

  @Test
  void ema_onTheRawSeries_agreesWithTa4jOnceTheSeedNoLongerWeighs() {
    Random random = new Random(4);
    for (int period : new int[] {5, 12, 26}) {
      List<BigDecimal> prices = Series.randomWalk(random, 1_200);
      EMAIndicator ema = new EMAIndicator(closes(prices), period);
      assertAgree(
          Series.feed(new EmaCalculator(period, FINE), prices),
          v -> v,
          i -> value(ema, i),
          settled(2.0 / (period + 1)),
          LOOSE);
    }
  }

  @Test
  void rsi_withTheSeedAligned_hasTa4jsWilderAverages() {
    Random random = new Random(5);
    for (int period : new int[] {1, 2, 14}) {
      List<BigDecimal> prices = Series.randomWalk(random, 200);
      // ta4j's MMA at 0 is its first input: give it our first averages, then the later changes.
      List<BigDecimal> gains = new ArrayList<>();
      List<BigDecimal> losses = new ArrayList<>();
      for (int i = 1; i < prices.size(); i++) {
        BigDecimal change = prices.get(i).subtract(prices.get(i - 1));
        gains.add(change.max(BigDecimal.ZERO));
        losses.add(change.negate().max(BigDecimal.ZERO));
      }
      MMAIndicator gain = new MMAIndicator(closes(aligned(gains, period)), period);
      MMAIndicator loss = new MMAIndicator(closes(aligned(losses, period)), period);

      assertAgree(
          Series.feed(new RsiCalculator(period, FINE), prices),
          v -> v,
          i -> {
            BigDecimal g = value(gain, i - period);
            BigDecimal l = value(loss, i - period);
            BigDecimal total = g.add(l);
            return l.signum() == 0
                ? BigDecimal.valueOf(100)
                : BigDecimal.valueOf(100).multiply(g).divide(total, MathContext.DECIMAL128);
          },
          period,
          LOOSE);
    }
  }

  @Test
  void rsi_onTheRawSeries_agreesWithTa4jOnceTheSeedNoLongerWeighs() {
    Random random = new Random(6);
    for (int period : new int[] {2, 14, 30}) {
      List<BigDecimal> prices = Series.randomWalk(random, 2_000);
      RSIIndicator rsi = new RSIIndicator(closes(prices), period);
      assertAgree(
          Series.feed(new RsiCalculator(period, FINE), prices),
          v -> v,
          i -> value(rsi, i),
          settled(1.0 / period),
          LOOSE);
    }
  }

  @Test
  void macd_onTheRawSeries_agreesWithTa4jOnceTheSeedsNoLongerWeigh() {
    Random random = new Random(7);
    int[][] params = {{12, 26, 9}, {5, 35, 5}, {3, 10, 16}};
    for (int[] p : params) {
      List<BigDecimal> prices = Series.randomWalk(random, 1_500);
      MACDIndicator macd = new MACDIndicator(closes(prices), p[0], p[1]);
      EMAIndicator signal = macd.getSignalLine(p[2]);
      NumericIndicator histogram = macd.getHistogram(p[2]);
      List<Optional<MacdValue>> ours =
          Series.feed(new MacdCalculator(p[0], p[1], p[2], FINE), prices);
      // The signal's seed settles after the slow EMA's has.
      int from = settled(2.0 / (p[1] + 1)) + settled(2.0 / (p[2] + 1));

      assertAgree(ours, MacdValue::macd, i -> value(macd, i), from, LOOSE);
      assertAgree(ours, MacdValue::signal, i -> value(signal, i), from, LOOSE);
      assertAgree(ours, MacdValue::histogram, i -> value(histogram, i), from, LOOSE);
    }
  }

  /** The mean of the first n values, then the values after them. */
  private static List<BigDecimal> aligned(List<BigDecimal> values, int n) {
    List<BigDecimal> out = new ArrayList<>();
    out.add(Reference.mean(values.subList(0, n)).round(MathContext.DECIMAL128));
    out.addAll(values.subList(n, values.size()));
    return out;
  }
}
