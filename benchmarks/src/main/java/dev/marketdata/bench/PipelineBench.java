package dev.marketdata.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Part 2 and 3: the whole pipeline (fetch, raw + price + outbox in one transaction, relay to Kafka,
 * consumer commits the average) in embedded mode with the simulated provider, measured from the
 * service's own counters over a steady window after a warm-up.
 */
final class PipelineBench {
  private static final Logger log = LoggerFactory.getLogger(PipelineBench.class);
  static final String FRESHNESS = "mds_ma_freshness_seconds";

  /** Every GET /prices/latest fetches and stores (freshness 0), and the limiter never bites. */
  static final Map<String, String> DRIVER_ENV =
      Map.of(
          "MDS_FRESHNESS_MILLIS", "0",
          "MDS_RATE_LIMIT_CAPACITY", "1000000",
          "MDS_RATE_LIMIT_PER_SECOND", "1000000");

  private final BenchContext ctx;

  PipelineBench(BenchContext ctx) {
    this.ctx = ctx;
  }

  /** Poll jobs (100 symbols each, the API's limit) over {@code symbols} symbols every second. */
  JsonObject poll(BenchService svc, int symbols) throws Exception {
    startPollJobs(svc, "P", symbols);
    JsonObject result = measure(svc, "poll jobs: " + symbols + " symbols at 1 s");
    // Read at the end of the window, while the pipeline still runs: what the stored data costs.
    JsonObject database = DatabaseSize.read(DatabaseSize.embeddedJdbcUrl(svc.dataDir()));
    log.info("database at {} symbols: {}", symbols, database.encode());
    return result
        .put("symbols", symbols)
        .put("offered_events_per_second", symbols)
        .put("database", database);
  }

  /**
   * Poll jobs of 100 symbols (the API's limit) at a 1 s interval over {@code prefix}00000 to {@code
   * prefix}(symbols - 1), simulated provider: {@code symbols} stored prices a second.
   */
  static void startPollJobs(BenchService svc, String prefix, int symbols) throws Exception {
    int jobs = (symbols + 99) / 100;
    for (int j = 0; j < jobs; j++) {
      JsonArray names = new JsonArray();
      for (int s = j * 100; s < Math.min(symbols, (j + 1) * 100); s++) {
        names.add(String.format("%s%05d", prefix, s));
      }
      svc.postJson(
          "/prices/poll",
          new JsonObject()
              .put("symbols", names)
              .put("interval", 1)
              .put("provider", "simulated")
              .encode());
    }
  }

  /**
   * The as-fast-as-it-can driver: {@code connections} closed-loop clients asking GET /prices/latest
   * over {@code symbols} symbols with freshness 0, so every request fetches from the simulated
   * provider and ingests (a read, then raw + price + outbox in one transaction).
   */
  JsonObject driver(BenchService svc, int symbols) throws Exception {
    int seconds = ctx.params().pipelineWarmupSeconds() + ctx.params().pipelineSeconds() + 2;
    LoadResult[] load = new LoadResult[1];
    Exception[] failure = new Exception[1];
    // wrk when installed (as for the HTTP part): the Java generator shares the 2 cores with the
    // service and took as much CPU as it left the service.
    Path script = Wrk.available() ? driverScript(symbols) : null;
    Thread generator =
        new Thread(
            () -> {
              try {
                load[0] =
                    script != null
                        ? Wrk.run(
                            "http://127.0.0.1:" + svc.port(),
                            ctx.params().connections(),
                            2,
                            seconds,
                            script)
                        : JavaLoad.run(
                            svc.port(), driverPaths(symbols), ctx.params().connections(), seconds);
              } catch (Exception e) {
                failure[0] = e;
              }
            },
            "driver");
    generator.start();
    JsonObject result = measure(svc, "driver: GET latest, freshness 0, " + symbols + " symbols");
    generator.join();
    if (failure[0] != null) {
      throw failure[0];
    }
    // Let the pipeline drain, so what was accepted is seen committed.
    return result
        .put("symbols", symbols)
        .put("load", load[0].toJson())
        .put("drain_seconds", Report.round(drain(svc, Duration.ofSeconds(60))));
  }

  private static final String DRIVER_PATH = "/prices/latest?symbol=D%05d&provider=simulated";

  private static List<String> driverPaths(int symbols) {
    List<String> paths = new ArrayList<>(symbols);
    for (int s = 0; s < symbols; s++) {
      paths.add(String.format(DRIVER_PATH, s));
    }
    return paths;
  }

  /**
   * A wrk script walking the same symbols round-robin; each wrk thread starts at its own offset so
   * that two threads do not ask for the same symbol at the same moment (that would share one
   * provider call and understate the ingest rate asked for).
   */
  private static Path driverScript(int symbols) throws java.io.IOException {
    Path script = Files.createTempFile("driver-", ".lua");
    script.toFile().deleteOnExit();
    Files.writeString(
        script,
        String.join(
            "\n",
            "local threads = 0",
            "function setup(thread)",
            "  thread:set(\"offset\", threads * " + Math.max(1, symbols / 2) + ")",
            "  threads = threads + 1",
            "end",
            "local n = 0",
            "function request()",
            "  n = n + 1",
            "  return wrk.format(\"GET\", string.format(\""
                + DRIVER_PATH
                + "\", (offset + n) % "
                + symbols
                + "))",
            "end",
            ""));
    return script;
  }

  private JsonObject measure(BenchService svc, String what) throws Exception {
    Params p = ctx.params();
    awaitFirstAverage(svc, Duration.ofSeconds(60));
    Thread.sleep(p.pipelineWarmupSeconds() * 1000L);
    PromMetrics m0 = svc.metrics();
    ProcStats.Cpu cpu0 = svc.cpu();
    long t0 = System.nanoTime();
    double peakSelf = 0;
    double peakChildren = 0;
    long end = t0 + p.pipelineSeconds() * 1_000_000_000L;
    while (System.nanoTime() < end) {
      Thread.sleep(Math.min(1000, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
      ProcStats.Memory mem = svc.memory();
      peakSelf = Math.max(peakSelf, mem.selfMiB());
      peakChildren = Math.max(peakChildren, mem.childrenMiB());
    }
    PromMetrics m1 = svc.metrics();
    ProcStats.Cpu cpu = svc.cpu().minus(cpu0);
    double seconds = (System.nanoTime() - t0) / 1e9;
    double committed = (m1.value(FRESHNESS + "_count") - m0.value(FRESHNESS + "_count")) / seconds;
    double published =
        (m1.value("mds_events_published_total") - m0.value("mds_events_published_total")) / seconds;
    double fetched =
        (m1.value("mds_provider_calls_total") - m0.value("mds_provider_calls_total")) / seconds;
    JsonObject r =
        new JsonObject()
            .put("what", what)
            .mergeIn(
                rates(
                    seconds,
                    fetched,
                    published,
                    committed,
                    m1.value("mds_outbox_depth"),
                    m1.quantileSince(m0, FRESHNESS, 0.50),
                    m1.quantileSince(m0, FRESHNESS, 0.99)))
            .put("rss_jvm_mib_peak", Report.round(peakSelf))
            .put("rss_postgres_mib_peak", Report.round(peakChildren))
            .put("cpu_jvm_cores", Report.round(cpu.selfSeconds() / seconds))
            .put("cpu_postgres_cores", Report.round(cpu.childrenSeconds() / seconds));
    log.info("pipeline {}: {}", what, r.encode());
    return r;
  }

  /**
   * The figures every pipeline measurement reports, the same for one process and for split roles.
   * Sustained is what went all the way through at the rate it came in: averages committed over the
   * window can exceed what was fetched while a backlog from the warm-up drains, and counting that
   * drain as throughput would overstate what the pipeline sustains.
   */
  static JsonObject rates(
      double seconds,
      double fetched,
      double published,
      double committed,
      double outboxDepth,
      double p50Seconds,
      double p99Seconds) {
    return new JsonObject()
        .put("seconds", Report.round(seconds))
        .put("fetched_per_second", Report.round(fetched))
        .put("published_per_second", Report.round(published))
        .put("averages_committed_per_second", Report.round(committed))
        .put("sustained_per_second", Report.round(Math.min(fetched, committed)))
        .put("outbox_depth_at_end", outboxDepth)
        .put("fetch_to_average_p50_ms", Report.round(1000 * p50Seconds))
        .put("fetch_to_average_p99_ms", Report.round(1000 * p99Seconds));
  }

  static void awaitFirstAverage(BenchService svc, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (svc.metrics().value(FRESHNESS + "_count") == 0) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("no moving average committed within " + timeout);
      }
      Thread.sleep(100);
    }
  }

  /** Seconds until every fetched quote has its average committed (the outbox is drained). */
  static double drain(BenchService svc, Duration timeout) throws Exception {
    long start = System.nanoTime();
    long deadline = start + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      PromMetrics m = svc.metrics();
      if (m.value(FRESHNESS + "_count") >= m.value("mds_provider_calls_total")) {
        return (System.nanoTime() - start) / 1e9;
      }
      Thread.sleep(200);
    }
    return Double.NaN;
  }
}
