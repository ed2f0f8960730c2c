package dev.marketdata.bench;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/** What a run records about the machine it ran on: cores, Java, load, the load tool and mode. */
final class Machine {
  private Machine() {}

  /** The run's {@code machine} section, at its start. */
  static JsonObject describe(BenchContext ctx, RunOptions opts) {
    return new JsonObject()
        .put("cores", Runtime.getRuntime().availableProcessors())
        .put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"))
        .put("load_average_at_start", loadAverage())
        .put(
            "shared",
            "the machine is shared with other builds: absolute figures drift; compare ratios")
        .put("http_load_tool", ctx.loadTool())
        .put("mode", ctx.params().mode())
        .put("parts", opts.parts().isEmpty() ? "all" : String.join(",", opts.parts()))
        .put("started", Instant.now().toString());
  }

  /** The 1-minute load average, NaN where /proc/loadavg cannot be read. */
  static double loadAverage() {
    try {
      return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
    } catch (Exception e) {
      return Double.NaN;
    }
  }
}
