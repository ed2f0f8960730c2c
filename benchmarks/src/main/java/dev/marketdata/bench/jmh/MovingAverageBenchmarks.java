package dev.marketdata.bench.jmh;

import dev.marketdata.domain.average.MovingAverageCalculator;
import dev.marketdata.domain.average.MovingAverageWindow;
import dev.marketdata.domain.model.MovingAverage;
import dev.marketdata.domain.model.PriceEvent;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.Symbol;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** The moving-average arithmetic the consumer runs for every event, on a 5-point window. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class MovingAverageBenchmarks {
  private static final int RING = 1024; // distinct inputs, so no call sees a constant

  private final MovingAverageCalculator calculator = MovingAverageCalculator.ofWindow(5);
  private final BigDecimal[] prices = new BigDecimal[RING];
  private final List<List<BigDecimal>> fivePrices = new ArrayList<>();
  private final PriceEvent[] events = new PriceEvent[RING];
  private MovingAverageCalculator.Rolling rolling;
  private MovingAverageWindow window;
  private int i;
  private long generation;

  @Setup
  public void setUp() {
    Instant t0 = Instant.parse("2024-03-20T10:30:00Z");
    for (int k = 0; k < RING; k++) {
      prices[k] = new BigDecimal("150.25").add(BigDecimal.valueOf(k % 97, 2));
      events[k] =
          new PriceEvent(
              Symbol.of("AAPL"),
              prices[k],
              t0.plusSeconds(k),
              ProviderId.SIMULATED,
              UUID.randomUUID());
    }
    for (int k = 0; k < RING; k++) {
      List<BigDecimal> five = new ArrayList<>(5);
      for (int j = 0; j < 5; j++) {
        five.add(prices[(k + j) % RING]);
      }
      fivePrices.add(five);
    }
    rolling = calculator.rolling();
    window = MovingAverageWindow.empty(Symbol.of("AAPL"), ProviderId.SIMULATED, 5);
  }

  /** The list form: mean of the last five of a list. */
  @Benchmark
  public MovingAverageCalculator.Result calculatorAverage() {
    i = (i + 1) & (RING - 1);
    return calculator.average(fivePrices.get(i));
  }

  /** The rolling form: one add (drop oldest, add newest to the running sum) and its average. */
  @Benchmark
  public MovingAverageCalculator.Result rollingAddAndAverage() {
    i = (i + 1) & (RING - 1);
    return rolling.add(prices[i]);
  }

  /**
   * What the consumer does per event: apply a newer event to a full window (dedup scan, ordered
   * insert, copy), then take its average.
   */
  @Benchmark
  public Optional<MovingAverage> windowApplyAndAverage() {
    i = (i + 1) & (RING - 1);
    if (i == 0) {
      generation++;
    }
    PriceEvent e = events[i];
    PriceEvent newer =
        new PriceEvent(
            e.symbol(),
            e.price(),
            e.timestamp().plusSeconds(generation * RING),
            e.source(),
            e.rawResponseId());
    window = window.apply(newer);
    return window.average();
  }
}
