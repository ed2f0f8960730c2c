package dev.marketdata.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The harness: runs every part against this machine, each figure beside a ceiling measured in the
 * same run, and writes {@code results/<mode>.json}, {@code .md} and {@code .png}; the live parts
 * (SSE) write {@code results/live.json} and {@code .md}. Usage: see {@link RunOptions} ({@code
 * --live}: only the live parts, the other results are left as they are; {@code --part}, {@code
 * --sizes}, {@code --seconds}: a partial run into {@code target/bench-results/partial-*.json}).
 * Exit status 1 when a part failed to run (not when a target is missed), 2 on a bad argument.
 */
public final class BenchMain {
  private static final Logger log = LoggerFactory.getLogger(BenchMain.class);

  private final BenchContext ctx;
  private final RunOptions opts;
  private final JsonObject results = new JsonObject();
  private final JsonObject live = new JsonObject();
  private final List<String> failures = new ArrayList<>();

  private BenchMain(BenchContext ctx, RunOptions opts) {
    this.ctx = ctx;
    this.opts = opts;
  }

  public static void main(String[] args) throws Exception {
    RunOptions opts;
    try {
      opts = RunOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    Path root = opts.root();
    Path work = root.resolve("benchmarks/target/bench-work");
    deleteRecursively(work);
    Files.createDirectories(work);
    BenchContext ctx =
        new BenchContext(
            opts.params(),
            work,
            root.resolve("bootstrap/target/market-data-service.jar"),
            Wrk.available());
    // Smoke and partial runs never write the published results.
    Path out =
        opts.smoke() || opts.partial()
            ? root.resolve("benchmarks/target/bench-results")
            : root.resolve("benchmarks/results");
    Files.createDirectories(out);
    BenchMain main = new BenchMain(ctx, opts);
    long start = System.nanoTime();
    if (opts.tracingOnly()) {
      main.machine();
      main.part("tracing", () -> main.results.put("tracing", new TracingBench(main.ctx).run()));
      main.results.getJsonObject("machine").put("load_average_at_end", Machine.loadAverage());
      Files.writeString(out.resolve("tracing.json"), main.results.encodePrettily() + "\n");
      log.info("wrote {}/tracing.json", out);
      System.exit(main.failures.isEmpty() ? 0 : 1);
    }
    if (opts.liveOnly()) {
      main.machine();
      main.live();
      main.results.getJsonObject("machine").put("load_average_at_end", Machine.loadAverage());
    } else if (opts.smoke() && !opts.partial()) {
      main.smoke();
    } else {
      main.full();
    }
    main.results.put("total_seconds", Report.round((System.nanoTime() - start) / 1e9));
    ResultFiles files = new ResultFiles(out, ctx.params());
    if (opts.partial()) {
      files.writePartial(main.results, main.live);
    } else if (!opts.liveOnly()) {
      files.write(main.results, opts.smoke() ? "smoke" : "latest");
    }
    files.writeLive(main.results, main.live);
    if (!main.failures.isEmpty()) {
      log.error("parts that failed: {}", main.failures);
      System.exit(1);
    }
    System.exit(0);
  }

  private interface Part {
    void run() throws Exception;
  }

  private void part(String name, Part part) {
    log.info("=== {} ===", name);
    try {
      part.run();
    } catch (Exception | AssertionError e) {
      log.error("part '{}' failed", name, e);
      failures.add(name + ": " + e);
      results.put(name + "_error", e.toString());
    }
  }

  private void machine() {
    results.put("machine", Machine.describe(ctx, opts));
  }

  private void full() {
    machine();
    Params p = ctx.params();
    if (opts.runs("jmh")) {
      part("jmh", () -> results.put("jmh", JmhBench.run(p)));
    }
    if (opts.runs("ceilings")) {
      part("kafka_ceiling", () -> results.put("kafka_ceiling", KafkaCeiling.run(p.kafkaRecords())));
      part(
          "postgres_ceiling",
          () -> results.put("postgres_ceiling", PostgresCeiling.run(p.postgresRows())));
    }
    if (opts.runs("http")) {
      part(
          "http",
          () -> {
            Path jfr = ctx.workDir().resolve("http.jfr");
            try (BenchService svc =
                ctx.startService("http", HttpBench.SERVICE_ENV, List.of(jfrOption(jfr)))) {
              svc.awaitReady(Duration.ofSeconds(180));
              results.put("http", new HttpBench(ctx).run(svc));
            }
            results.put(
                "profile_http", JfrProfile.summarize(jfr, 12).put("recording", jfr.toString()));
          });
    }
    if (opts.runs("http_api_role")) {
      part("http_api_role", () -> results.put("http_api_role", new HttpBench(ctx).apiRole()));
    }
    PipelineBench pipeline = new PipelineBench(ctx);
    if (opts.runs("pipeline_driver")) {
      part(
          "pipeline_driver",
          () -> {
            Path jfr = ctx.workDir().resolve("pipeline-driver.jfr");
            JsonObject driver;
            try (BenchService svc =
                ctx.startService("driver", PipelineBench.DRIVER_ENV, List.of(jfrOption(jfr)))) {
              svc.awaitReady(Duration.ofSeconds(180));
              driver = pipeline.driver(svc, p.driverSymbols());
            }
            results.put("pipeline_driver", driver);
            results.put("profile", JfrProfile.summarize(jfr, 12).put("recording", jfr.toString()));
          });
    }
    JsonArray scale = new JsonArray();
    List<Integer> sizes = new ArrayList<>(opts.runs("scale") ? p.scaleSymbols() : List.of());
    if (!sizes.isEmpty()) {
      results.put("scale", scale);
    }
    sizes.sort(Comparator.naturalOrder());
    for (int symbols : sizes) {
      part(
          "poll_" + symbols,
          () -> {
            try (BenchService svc =
                ctx.startService("poll-" + symbols, java.util.Map.of(), List.of())) {
              svc.awaitReady(Duration.ofSeconds(180));
              scale.add(pipeline.poll(svc, symbols));
            }
          });
    }
    if (opts.runs("split_roles")) {
      SplitRolesBench split = new SplitRolesBench(ctx);
      JsonArray splitRows = new JsonArray();
      results.put("split_roles", splitRows);
      for (int symbols : p.splitRolesSymbols()) {
        part("split_roles_" + symbols, () -> splitRows.add(split.run(symbols)));
      }
    }
    if (opts.runs("startup")) {
      StartupBench startup = new StartupBench(ctx);
      part(
          "startup_embedded",
          () -> results.put("startup_embedded", startup.embedded(p.startupRuns())));
      part(
          "startup_external",
          () -> results.put("startup_external", startup.external(p.startupRuns())));
    }
    if (opts.runs("live")) {
      live();
    }
    if (!opts.parts().isEmpty() && opts.parts().contains("tracing")) {
      part("tracing", () -> results.put("tracing", new TracingBench(ctx).run()));
    }
    results.getJsonObject("machine").put("load_average_at_end", Machine.loadAverage());
  }

  /** The live delivery parts, each on a fresh service: SSE latency, then idle connections. */
  private void live() {
    Params p = ctx.params();
    LiveBench bench = new LiveBench(ctx);
    part(
        "live_sse_latency",
        () -> {
          try (BenchService svc =
              ctx.startService("live-latency", LiveBench.SERVICE_ENV, List.of())) {
            svc.awaitReady(Duration.ofSeconds(180));
            live.put(
                "sse_latency",
                bench.latency(svc, p.liveSymbols(), p.liveClients(), p.liveSymbolsPerClient()));
          }
        });
    // Twice: as deployed (default JVM options: G1 grows its committed heap with the allocation
    // of 10,000 connection set-ups, which RSS then shows), and with the heap fixed and touched at
    // start, so RSS grows only by what lives outside the heap.
    for (boolean pretouched : new boolean[] {false, true}) {
      String name = pretouched ? "sse_idle_pretouched_heap" : "sse_idle";
      List<String> jvm = pretouched ? LiveBench.PRETOUCHED_HEAP : List.of();
      part(
          "live_" + name,
          () -> {
            try (BenchService svc =
                ctx.startService(
                    "live-idle" + (pretouched ? "-pretouched" : ""), LiveBench.SERVICE_ENV, jvm)) {
              svc.awaitReady(Duration.ofSeconds(180));
              live.put(
                  name,
                  bench
                      .idle(svc, p.idleConnections())
                      .put("service_jvm_options", String.join(" ", jvm)));
            }
          });
    }
  }

  /** A tiny version of every part on one service process, for CI (about 20 s with start-up). */
  private void smoke() {
    machine();
    Params p = ctx.params();
    part(
        "service",
        () -> {
          try (BenchService svc = ctx.startService("smoke", HttpBench.SERVICE_ENV, List.of())) {
            double ready = svc.awaitReady(Duration.ofSeconds(180));
            results.put(
                "startup_embedded",
                new JsonObject()
                    .put("first_seconds", Report.round(ready))
                    .put("runs_seconds", new JsonArray().add(Report.round(ready))));
            results.put("http", new HttpBench(ctx).run(svc));
            results.put(
                "scale",
                new JsonArray().add(new PipelineBench(ctx).poll(svc, p.scaleSymbols().get(0))));
          }
        });
    part("kafka_ceiling", () -> results.put("kafka_ceiling", KafkaCeiling.run(p.kafkaRecords())));
    part(
        "postgres_ceiling",
        () -> results.put("postgres_ceiling", PostgresCeiling.run(p.postgresRows())));
    part("jmh", () -> results.put("jmh", JmhBench.run(p)));
    part("http_api_role", () -> results.put("http_api_role", new HttpBench(ctx).apiRole()));
    part(
        "split_roles",
        () ->
            results.put(
                "split_roles",
                new JsonArray().add(new SplitRolesBench(ctx).run(p.splitRolesSymbols().get(0)))));
    live();
  }

  private static String jfrOption(Path file) {
    return "-XX:StartFlightRecording=filename=" + file + ",settings=profile,dumponexit=true";
  }

  private static void deleteRecursively(Path dir) throws Exception {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
