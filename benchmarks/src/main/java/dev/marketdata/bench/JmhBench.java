package dev.marketdata.bench;

import dev.marketdata.bench.jmh.IndicatorBenchmarks;
import dev.marketdata.bench.jmh.MovingAverageBenchmarks;
import dev.marketdata.bench.jmh.PriceEventCodecBenchmarks;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Collection;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/** Part 4: the JMH micro-benchmarks, run through JMH's own runner. */
final class JmhBench {
  private JmhBench() {}

  static JsonArray run(Params p) throws Exception {
    Options options =
        new OptionsBuilder()
            .include(MovingAverageBenchmarks.class.getName())
            .include(PriceEventCodecBenchmarks.class.getName())
            .include(IndicatorBenchmarks.class.getName())
            .forks(p.jmhFork() ? 1 : 0)
            .warmupIterations(p.jmhIterations())
            .warmupTime(TimeValue.milliseconds(p.jmhWarmupMillis()))
            .measurementIterations(p.jmhIterations())
            .measurementTime(TimeValue.milliseconds(p.jmhMeasureMillis()))
            .verbosity(VerboseMode.SILENT)
            .build();
    Collection<RunResult> results = new Runner(options).run();
    JsonArray out = new JsonArray();
    for (RunResult r : results) {
      String label = r.getParams().getBenchmark();
      out.add(
          new JsonObject()
              .put(
                  "benchmark",
                  label.substring(label.lastIndexOf('.', label.lastIndexOf('.') - 1) + 1))
              .put("score", Report.round(r.getPrimaryResult().getScore()))
              .put("error", Report.round(r.getPrimaryResult().getScoreError()))
              .put("unit", r.getPrimaryResult().getScoreUnit()));
    }
    return out;
  }
}
