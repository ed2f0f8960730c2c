package dev.marketdata.bench.jmh;

import dev.marketdata.domain.indicator.BollingerCalculator;
import dev.marketdata.domain.indicator.BollingerValue;
import dev.marketdata.domain.indicator.EmaCalculator;
import dev.marketdata.domain.indicator.MacdCalculator;
import dev.marketdata.domain.indicator.MacdValue;
import dev.marketdata.domain.indicator.RsiCalculator;
import dev.marketdata.domain.indicator.SmaCalculator;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Indicator throughput: one {@code add} of the next price to a calculator already past its warm-up
 * (the steady state of {@code GET /prices/indicators} and of an embedder), with the default
 * parameters; a score in ops/s is values per second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class IndicatorBenchmarks {
  private static final int RING = 1024; // distinct inputs, so no call sees a constant

  private final BigDecimal[] prices = new BigDecimal[RING];
  private SmaCalculator sma;
  private EmaCalculator ema;
  private RsiCalculator rsi;
  private MacdCalculator macd;
  private BollingerCalculator bollinger;
  private int i;

  @Setup
  public void setUp() {
    for (int k = 0; k < RING; k++) {
      // Prices as stored: up to 4 decimals, moving up and down.
      prices[k] = new BigDecimal("150.2500").add(BigDecimal.valueOf((k * 37L) % 211 - 105, 4));
    }
    sma = new SmaCalculator(SmaCalculator.DEFAULT_PERIOD);
    ema = new EmaCalculator(EmaCalculator.DEFAULT_PERIOD);
    rsi = new RsiCalculator(RsiCalculator.DEFAULT_PERIOD);
    macd = MacdCalculator.standard();
    bollinger = new BollingerCalculator(BollingerCalculator.DEFAULT_PERIOD);
    for (BigDecimal p : prices) { // past every warm-up
      sma.add(p);
      ema.add(p);
      rsi.add(p);
      macd.add(p);
      bollinger.add(p);
    }
  }

  private BigDecimal next() {
    i = (i + 1) & (RING - 1);
    return prices[i];
  }

  /** SMA(20): running exact sum, one division. */
  @Benchmark
  public Optional<BigDecimal> sma20() {
    return sma.add(next());
  }

  /** EMA(20) in DECIMAL128. */
  @Benchmark
  public Optional<BigDecimal> ema20() {
    return ema.add(next());
  }

  /** RSI(14), Wilder's smoothing in DECIMAL128. */
  @Benchmark
  public Optional<BigDecimal> rsi14() {
    return rsi.add(next());
  }

  /** MACD(12, 26, 9): three EMAs. */
  @Benchmark
  public Optional<MacdValue> macd12x26x9() {
    return macd.add(next());
  }

  /** Bollinger(20, 2): exact running sums, one square root. */
  @Benchmark
  public Optional<BollingerValue> bollinger20x2() {
    return bollinger.add(next());
  }
}
