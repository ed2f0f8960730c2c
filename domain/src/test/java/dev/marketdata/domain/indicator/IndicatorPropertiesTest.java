package dev.marketdata.domain.indicator;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Properties every calculator keeps whatever the series and parameters, each checked on random ones
 * from a seed; the last ones compare the incremental calculators with {@link Reference}.
 */
class IndicatorPropertiesTest {
  /** Where both sides are rounded to 20 places, they may differ by one unit there. */
  private static final int FINE = 20;

  private static final BigDecimal ONE_UNIT = BigDecimal.ONE.movePointLeft(FINE);

  private static BigDecimal randomPrice(Random random) {
    return BigDecimal.valueOf(1 + random.nextInt(100_000_000), random.nextInt(9));
  }

  private static int period(Random random) {
    return 1 + random.nextInt(30);
  }

  private static List<IndicatorCalculator<?>> calculators(Random random) {
    int fast = period(random);
    return List.of(
        new SmaCalculator(period(random)),
        new EmaCalculator(period(random)),
        new RsiCalculator(period(random)),
        new MacdCalculator(fast, fast + period(random), period(random)),
        new BollingerCalculator(period(random), BigDecimal.valueOf(1 + random.nextInt(30), 1)));
  }

  @Property(tries = 100)
  void anyCalculator_answersExactlyFromTheValuesNeededthPriceOn(@ForAll long seed) {
    Random random = new Random(seed);
    for (IndicatorCalculator<?> calculator : calculators(random)) {
      List<? extends Optional<?>> values =
          Series.feed(
              calculator, Series.randomWalk(random, calculator.valuesNeeded() + random.nextInt(5)));
      for (int i = 0; i < values.size(); i++) {
        assertThat(values.get(i).isPresent())
            .as("%s value %d", calculator.name(), i + 1)
            .isEqualTo(i + 1 >= calculator.valuesNeeded());
      }
    }
  }

  @Property(tries = 100)
  void givenAConstantSeries_smaEmaAndBollingerMiddle_areTheConstant_andTheBandsTouchIt(
      @ForAll long seed) {
    Random random = new Random(seed);
    BigDecimal constant = randomPrice(random);
    int period = period(random);
    List<BigDecimal> prices = Collections.nCopies(period + random.nextInt(60), constant);
    BigDecimal expected =
        constant.setScale(IndicatorCalculator.DEFAULT_SCALE, RoundingMode.HALF_EVEN);

    for (BigDecimal sma : present(Series.feed(new SmaCalculator(period), prices))) {
      assertThat(sma).isEqualTo(expected);
    }
    for (BigDecimal ema : present(Series.feed(new EmaCalculator(period), prices))) {
      assertThat(ema).isEqualTo(expected);
    }
    for (BollingerValue bands : present(Series.feed(new BollingerCalculator(period), prices))) {
      assertThat(bands).isEqualTo(new BollingerValue(expected, expected, expected));
    }
  }

  @Property(tries = 100)
  void givenAConstantSeries_macdSignalAndHistogram_areZero(@ForAll long seed) {
    Random random = new Random(seed);
    int fast = period(random);
    MacdCalculator macd = new MacdCalculator(fast, fast + period(random), period(random));
    List<BigDecimal> prices =
        Collections.nCopies(macd.valuesNeeded() + random.nextInt(60), randomPrice(random));

    List<MacdValue> values = present(Series.feed(macd, prices));
    assertThat(values).isNotEmpty();
    for (MacdValue value : values) {
      assertThat(value.macd()).isZero();
      assertThat(value.signal()).isZero();
      assertThat(value.histogram()).isZero();
    }
  }

  @Property(tries = 100)
  void anySeries_rsi_isBetween0And100(@ForAll long seed) {
    Random random = new Random(seed);
    List<BigDecimal> prices = Series.randomWalk(random, 40 + random.nextInt(100));
    for (BigDecimal rsi : present(Series.feed(new RsiCalculator(period(random)), prices))) {
      assertThat(rsi).isBetween(BigDecimal.ZERO, BigDecimal.valueOf(100));
    }
  }

  @Property(tries = 100)
  void givenAStrictlyRisingSeries_rsi_is100_andFallingIt_is0(@ForAll long seed) {
    Random random = new Random(seed);
    int period = period(random);
    List<BigDecimal> rising = new ArrayList<>();
    BigDecimal price = randomPrice(random);
    for (int i = 0; i < period + 1 + random.nextInt(50); i++) {
      price = price.add(BigDecimal.valueOf(1 + random.nextInt(1000), random.nextInt(9)));
      rising.add(price);
    }
    List<BigDecimal> falling = new ArrayList<>(rising);
    Collections.reverse(falling);

    assertThat(present(Series.feed(new RsiCalculator(period), rising)))
        .isNotEmpty()
        .allSatisfy(rsi -> assertThat(rsi).isEqualByComparingTo("100"));
    assertThat(present(Series.feed(new RsiCalculator(period), falling)))
        .allSatisfy(rsi -> assertThat(rsi).isZero());
  }

  @Property(tries = 40)
  void anySeries_incrementalSmaAndBollinger_equalTheWindowRecomputedFromScratch(@ForAll long seed) {
    Random random = new Random(seed);
    int period = period(random);
    BigDecimal k = BigDecimal.valueOf(1 + random.nextInt(30), 1);
    List<BigDecimal> prices = Series.randomWalk(random, period + random.nextInt(120));
    List<BigDecimal> sma = Reference.sma(prices, period);
    List<BigDecimal> deviation = Reference.deviation(prices, period);

    List<Optional<BigDecimal>> smaValues = Series.feed(new SmaCalculator(period), prices);
    List<Optional<BollingerValue>> bands =
        Series.feed(new BollingerCalculator(period, k, FINE), prices);
    for (int i = period - 1; i < prices.size(); i++) {
      // The SMA is exact: the sum over the window divided once, rounded to 8 places.
      BigDecimal exactSum = BigDecimal.ZERO;
      for (BigDecimal p : prices.subList(i - period + 1, i + 1)) {
        exactSum = exactSum.add(p);
      }
      BigDecimal expectedSma =
          exactSum.divide(BigDecimal.valueOf(period), 8, RoundingMode.HALF_EVEN);
      assertThat(smaValues.get(i)).contains(expectedSma);
      BigDecimal band = k.multiply(deviation.get(i), Reference.MC);
      BollingerValue value = bands.get(i).orElseThrow();
      assertClose(value.middle(), sma.get(i));
      assertClose(value.upper(), sma.get(i).add(band));
      assertClose(value.lower(), sma.get(i).subtract(band));
    }
  }

  @Property(tries = 40)
  void anySeries_incrementalEmaRsiAndMacd_equalTheStraightforwardDefinitions(@ForAll long seed) {
    Random random = new Random(seed);
    int period = period(random);
    int fast = period(random);
    int slow = fast + period(random);
    int signal = period(random);
    List<BigDecimal> prices = Series.randomWalk(random, 1 + random.nextInt(150));

    compare(Series.feed(new EmaCalculator(period, FINE), prices), Reference.ema(prices, period));
    compare(Series.feed(new RsiCalculator(period, FINE), prices), Reference.rsi(prices, period));
    List<List<BigDecimal>> macd = Reference.macd(prices, fast, slow, signal);
    List<Optional<MacdValue>> values =
        Series.feed(new MacdCalculator(fast, slow, signal, FINE), prices);
    compare(
        values.stream().map(v -> v.map(MacdValue::macd)).toList(),
        onlyWhere(macd.get(0), macd.get(1)));
    compare(values.stream().map(v -> v.map(MacdValue::signal)).toList(), macd.get(1));
    compare(values.stream().map(v -> v.map(MacdValue::histogram)).toList(), macd.get(2));
  }

  /** The line where the signal is defined: the calculator answers complete values only. */
  private static List<BigDecimal> onlyWhere(List<BigDecimal> values, List<BigDecimal> defined) {
    List<BigDecimal> out = new ArrayList<>(values);
    for (int i = 0; i < out.size(); i++) {
      if (defined.get(i) == null) {
        out.set(i, null);
      }
    }
    return out;
  }

  private static void compare(List<Optional<BigDecimal>> actual, List<BigDecimal> expected) {
    assertThat(actual).hasSameSizeAs(expected);
    for (int i = 0; i < actual.size(); i++) {
      assertThat(actual.get(i).isPresent())
          .as("defined at %d", i)
          .isEqualTo(expected.get(i) != null);
      if (expected.get(i) != null) {
        assertClose(actual.get(i).orElseThrow(), expected.get(i));
      }
    }
  }

  private static void assertClose(BigDecimal actual, BigDecimal exact) {
    assertThat(actual.subtract(exact).abs())
        .as("%s vs %s", actual, exact)
        .isLessThanOrEqualTo(ONE_UNIT);
  }

  private static <V> List<V> present(List<Optional<V>> values) {
    return values.stream().flatMap(Optional::stream).toList();
  }
}
