package dev.marketdata.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Part 4b: the roles split over separate processes as a deployment runs them, on one PostgreSQL and
 * one Kafka broker (started by the harness): API ×2, poller ×1, relay ×1, consumer ×2, each with
 * {@code MDS_ROLES=<role>}, its own {@code MDS_INSTANCE_ID} and port. Poll jobs over N symbols at 1
 * s are started through one API; events/s come from the processes that do each step (fetched: the
 * poller; published: the relay; averages committed: both consumers, their histograms merged), and
 * while that load runs, one wrk per API process asks the cached GET with half the connections each.
 */
final class SplitRolesBench {
  private static final Logger log = LoggerFactory.getLogger(SplitRolesBench.class);
  private static final String FRESHNESS = PipelineBench.FRESHNESS;

  /** The processes, in start order: the relay first creates the topics the others use. */
  static final List<String[]> PROCESSES =
      List.of(
          new String[] {"relay-1", "relay"},
          new String[] {"consumer-1", "consumer"},
          new String[] {"consumer-2", "consumer"},
          new String[] {"poller-1", "poller"},
          new String[] {"api-1", "api"},
          new String[] {"api-2", "api"});

  private final BenchContext ctx;

  SplitRolesBench(BenchContext ctx) {
    this.ctx = ctx;
  }

  JsonObject run(int symbols) throws Exception {
    Params p = ctx.params();
    try (ExternalInfra infra =
            ExternalInfra.start(ctx.workDir().resolve("split-" + symbols + "-infra"));
        Processes procs = new Processes()) {
      start(infra, procs, symbols);
      List<BenchService> apis = procs.withRole("api");
      List<BenchService> consumers = procs.withRole("consumer");
      BenchService poller = procs.withRole("poller").get(0);
      BenchService relay = procs.withRole("relay").get(0);
      for (BenchService api : apis) {
        api.get(HttpBench.PATH); // primes each API's freshness window
      }
      PipelineBench.startPollJobs(apis.get(0), "S", symbols);
      awaitFirstAverage(consumers, Duration.ofSeconds(90));
      // Warm-up: the pipeline settles while each API's GET path is JIT-compiled.
      long warmEnd = System.nanoTime() + p.pipelineWarmupSeconds() * 1_000_000_000L;
      perApi(apis, Math.min(p.httpWarmupSeconds(), p.pipelineWarmupSeconds()));
      Thread.sleep(Math.max(0, (warmEnd - System.nanoTime()) / 1_000_000));

      Map<String, PromMetrics> m0 = procs.metrics();
      Map<String, ProcStats.Cpu> cpu0 = procs.cpu();
      double pgCpu0 = infra.postgresCpuSeconds();
      long t0 = System.nanoTime();
      ExecutorService pool = Executors.newFixedThreadPool(apis.size());
      List<Future<LoadResult>> http = new ArrayList<>();
      int perApiConnections = Math.max(1, p.connections() / apis.size());
      for (BenchService api : apis) {
        http.add(
            pool.submit(
                () -> HttpBench.load(ctx, api.port(), perApiConnections, 1, p.pipelineSeconds())));
      }
      Map<String, Double> peakRss = new LinkedHashMap<>();
      double peakPg = 0;
      long end = t0 + p.pipelineSeconds() * 1_000_000_000L;
      while (System.nanoTime() < end) {
        Thread.sleep(Math.min(1000, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
        // One /proc read per JVM (no scan for helpers: in external mode they have none).
        procs.all.forEach(
            (name, svc) -> peakRss.merge(name, ProcStats.rssKiB(svc.pid()) / 1024.0, Math::max));
        peakPg = Math.max(peakPg, infra.postgresRssMiB());
      }
      Map<String, PromMetrics> m1 = procs.metrics();
      Map<String, ProcStats.Cpu> cpu1 = procs.cpu();
      double pgCpu = infra.postgresCpuSeconds() - pgCpu0;
      double seconds = (System.nanoTime() - t0) / 1e9;
      List<LoadResult> loads = new ArrayList<>();
      for (Future<LoadResult> f : http) {
        loads.add(f.get());
      }
      pool.shutdown();
      JsonObject database = DatabaseSize.read(infra.jdbcUrl());

      double fetched = rate(m0, m1, "poller-1", "mds_provider_calls_total", seconds);
      double published = rate(m0, m1, "relay-1", "mds_events_published_total", seconds);
      PromMetrics c0 = PromMetrics.sum(List.of(m0.get("consumer-1"), m0.get("consumer-2")));
      PromMetrics c1 = PromMetrics.sum(List.of(m1.get("consumer-1"), m1.get("consumer-2")));
      double committed =
          (c1.value(FRESHNESS + "_count") - c0.value(FRESHNESS + "_count")) / seconds;
      JsonObject processes = new JsonObject();
      double cpuTotal = pgCpu;
      for (String name : procs.all.keySet()) {
        double cores = (cpu1.get(name).selfSeconds() - cpu0.get(name).selfSeconds()) / seconds;
        cpuTotal += cores * seconds;
        JsonObject proc =
            new JsonObject()
                .put("role", procs.roles.get(name))
                .put("rss_mib_peak", Report.round(peakRss.getOrDefault(name, Double.NaN)))
                .put("cpu_cores", Report.round(cores));
        if (name.startsWith("consumer")) {
          proc.put(
              "averages_committed_per_second", rate(m0, m1, name, FRESHNESS + "_count", seconds));
        }
        if (name.startsWith("api")) {
          proc.put(
              "provider_calls_in_window",
              m1.get(name).value("mds_provider_calls_total")
                  - m0.get(name).value("mds_provider_calls_total"));
        }
        processes.put(name, proc);
      }
      JsonArray httpJson = new JsonArray();
      double rps = 0;
      double worstP99 = 0;
      long errors = 0;
      for (LoadResult l : loads) {
        httpJson.add(l.toJson());
        rps += l.requestsPerSecond();
        worstP99 = Math.max(worstP99, l.p99Millis());
        errors += l.errors();
      }
      JsonObject r =
          new JsonObject()
              .put("symbols", symbols)
              .put("offered_events_per_second", symbols)
              .put("infra", infra.describe())
              .mergeIn(
                  PipelineBench.rates(
                      seconds,
                      fetched,
                      published,
                      committed,
                      m1.get("relay-1").value("mds_outbox_depth"),
                      c1.quantileSince(c0, FRESHNESS, 0.5),
                      c1.quantileSince(c0, FRESHNESS, 0.99)))
              .put("processes", processes)
              .put("rss_postgres_mib_peak", Report.round(peakPg))
              .put("cpu_postgres_cores", Report.round(pgCpu / seconds))
              .put(
                  "cpu_all_cores",
                  Report.round(cpuTotal / seconds)) // the six JVMs and PostgreSQL, not the broker
              .put(
                  "http",
                  new JsonObject()
                      .put(
                          "how",
                          "one "
                              + ctx.loadTool()
                              + " per API process at once, "
                              + perApiConnections
                              + " connections each, during the poll load's window")
                      .put("per_api", httpJson)
                      .put("requests_per_second", Report.round(rps))
                      .put("p99_ms_worst_api", Report.round(worstP99))
                      .put("errors", errors))
              .put("database", database);
      log.info("split roles at {} symbols: {}", symbols, r.encode());
      return r;
    }
  }

  private void start(ExternalInfra infra, Processes procs, int symbols) throws Exception {
    for (String[] p : PROCESSES) {
      Map<String, String> env = new HashMap<>(infra.env());
      env.put("MDS_ROLES", p[1]);
      env.put("MDS_INSTANCE_ID", "bench-" + p[0]);
      env.put("MDS_RATE_LIMIT_CAPACITY", "1000000");
      env.put("MDS_RATE_LIMIT_PER_SECOND", "1000000");
      if (p[1].equals("api")) {
        env.put("MDS_FRESHNESS_MILLIS", "86400000"); // the GET under load is a cache hit
      }
      BenchService svc = ctx.startService("split-" + symbols + "-" + p[0], env, List.of());
      procs.add(p[0], p[1], svc);
      if (p[1].equals("relay")) {
        svc.awaitReady(Duration.ofSeconds(180)); // topics exist before the others start
      }
    }
    for (BenchService svc : procs.all.values()) {
      svc.awaitReady(Duration.ofSeconds(180));
    }
  }

  /** Each API under its own load generator at once, half the connections each. */
  private void perApi(List<BenchService> apis, int seconds) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(apis.size());
    try {
      List<Callable<LoadResult>> tasks = new ArrayList<>();
      int connections = Math.max(1, ctx.params().connections() / apis.size());
      for (BenchService api : apis) {
        tasks.add(() -> HttpBench.load(ctx, api.port(), connections, 1, seconds));
      }
      for (Future<LoadResult> f : pool.invokeAll(tasks)) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
  }

  private static void awaitFirstAverage(List<BenchService> consumers, Duration timeout)
      throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      double sum = 0;
      for (BenchService c : consumers) {
        sum += c.metrics().value(FRESHNESS + "_count");
      }
      if (sum > 0) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("no moving average committed within " + timeout);
      }
      Thread.sleep(100);
    }
  }

  private static double rate(
      Map<String, PromMetrics> m0,
      Map<String, PromMetrics> m1,
      String process,
      String name,
      double seconds) {
    return Report.round((m1.get(process).value(name) - m0.get(process).value(name)) / seconds);
  }

  /** The started processes by name; closed (SIGTERM, then kill) in reverse start order. */
  private static final class Processes implements AutoCloseable {
    final Map<String, BenchService> all = new LinkedHashMap<>();
    final Map<String, String> roles = new HashMap<>();

    void add(String name, String role, BenchService svc) {
      all.put(name, svc);
      roles.put(name, role);
    }

    List<BenchService> withRole(String role) {
      return all.keySet().stream().filter(n -> roles.get(n).equals(role)).map(all::get).toList();
    }

    Map<String, PromMetrics> metrics() throws Exception {
      Map<String, PromMetrics> out = new HashMap<>();
      for (Map.Entry<String, BenchService> e : all.entrySet()) {
        out.put(e.getKey(), e.getValue().metrics());
      }
      return out;
    }

    Map<String, ProcStats.Cpu> cpu() {
      Map<String, ProcStats.Cpu> out = new HashMap<>();
      all.forEach(
          (name, svc) ->
              out.put(
                  name,
                  new ProcStats.Cpu(ProcStats.cpuTicks(svc.pid()) / ProcStats.CLOCK_TICKS, 0)));
      return out;
    }

    @Override
    public void close() {
      List<BenchService> reversed = new ArrayList<>(all.values());
      java.util.Collections.reverse(reversed);
      for (BenchService svc : reversed) {
        svc.close();
      }
    }
  }
}
