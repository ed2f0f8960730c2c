package dev.marketdata.bench;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live delivery parts: SSE latency under a steady flow of stored prices, and the memory an idle
 * SSE connection holds. The service runs as its own JVM (embedded mode) and the clients in another
 * ({@link SseClientJvm}), so neither shares a heap or a CPU account with the other.
 */
final class LiveBench {
  private static final Logger log = LoggerFactory.getLogger(LiveBench.class);

  /** Every connection comes from 127.0.0.1, so the per-client cap must allow them all. */
  static final Map<String, String> SERVICE_ENV =
      Map.of(
          "MDS_RATE_LIMIT_CAPACITY", "1000000",
          "MDS_RATE_LIMIT_PER_SECOND", "1000000",
          "MDS_STREAM_MAX_CONNECTIONS_PER_CLIENT", "30000",
          "MDS_STREAM_MAX_CONNECTIONS", "30000");

  static final String LATENCY_DEFINITION =
      "receipt instant at the SSE client minus the price's `timestamp` field, which the simulated"
          + " provider stamps with its fetch instant (quote time = fetch time), over every price"
          + " event every client received in the window. An upper bound of commit → receipt: it"
          + " also holds the wait for the poll tick's store transaction and the transaction"
          + " itself. Tighter, for a sample of up to 50,000 prices: the stored row's created_at"
          + " (now() of the ingest transaction, i.e. its start, still before the commit) to the"
          + " first and to the last client's receipt. All instants are read from the one"
          + " machine's clock (client JVM: Instant, µs; PostgreSQL: now()).";

  /** A heap of fixed size, every page touched at start: RSS then moves only outside the heap. */
  static final List<String> PRETOUCHED_HEAP = List.of("-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch");

  private static final Duration CLIENT_STEP = Duration.ofSeconds(300);
  private static final List<String> CLIENT_JVM = List.of("-Xmx1g", "-XX:+UseParallelGC");

  private final BenchContext ctx;

  LiveBench(BenchContext ctx) {
    this.ctx = ctx;
  }

  /**
   * {@code symbols} polled every second ({@code symbols} stored prices/s), {@code clients} SSE
   * connections of {@code perClient} symbols each covering every symbol; a warm-up, then a window.
   */
  JsonObject latency(BenchService svc, int symbols, int clients, int perClient) throws Exception {
    Params p = ctx.params();
    PipelineBench.startPollJobs(svc, "P", symbols);
    PipelineBench.awaitFirstAverage(svc, Duration.ofSeconds(60));
    Path clientLog = ctx.workDir().resolve("sse-latency-clients.log");
    try (SseClientJvm jvm =
        SseClientJvm.start(
            clientLog,
            CLIENT_JVM,
            String.valueOf(svc.port()),
            "P",
            String.valueOf(symbols),
            String.valueOf(perClient))) {
      JsonObject opened = jvm.ask("open " + clients, CLIENT_STEP);
      log.info("SSE clients opened: {}", opened.encode());
      if (opened.getInteger("ok") == 0) {
        throw new IllegalStateException("no SSE connection opened: " + opened.encode());
      }
      Thread.sleep(p.liveWarmupSeconds() * 1000L);
      PromMetrics m0 = svc.metrics();
      ProcStats.Cpu cpu0 = svc.cpu();
      long clientTicks0 = ProcStats.cpuTicks(jvm.pid());
      double load0 = Machine.loadAverage();
      jvm.ask("measure", CLIENT_STEP);
      long t0 = System.nanoTime();
      double peakSelf = 0;
      double peakChildren = 0;
      long end = t0 + p.liveSeconds() * 1_000_000_000L;
      while (System.nanoTime() < end) {
        Thread.sleep(Math.min(1000, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
        ProcStats.Memory mem = svc.memory();
        peakSelf = Math.max(peakSelf, mem.selfMiB());
        peakChildren = Math.max(peakChildren, mem.childrenMiB());
      }
      JsonObject seen = jvm.ask("report", CLIENT_STEP);
      double seconds = (System.nanoTime() - t0) / 1e9;
      PromMetrics m1 = svc.metrics();
      ProcStats.Cpu cpu = svc.cpu().minus(cpu0);
      double clientCpu = (ProcStats.cpuTicks(jvm.pid()) - clientTicks0) / 100.0;
      JsonObject rows =
          StoredRows.fromTransactionStart(
              svc.dataDir(), jvm.ask("samples", CLIENT_STEP).getJsonObject("receipt_epoch_micros"));
      double fetched =
          (m1.value("mds_provider_calls_total") - m0.value("mds_provider_calls_total")) / seconds;
      double published =
          (m1.value("mds_events_published_total") - m0.value("mds_events_published_total"))
              / seconds;
      double subscribersPerSymbol = (double) opened.getInteger("ok") * perClient / symbols;
      JsonObject r =
          new JsonObject()
              .put("latency_definition", LATENCY_DEFINITION)
              .put("symbols", symbols)
              .put("offered_events_per_second", symbols)
              .put("clients", clients)
              .put("symbols_per_client", perClient)
              .put("connections", opened)
              .put("seconds", Report.round(seconds))
              .put("fetched_per_second", Report.round(fetched))
              .put("stored_published_per_second", Report.round(published))
              .put(
                  "stored_seen_in_streams_per_second", seen.getDouble("distinct_prices_per_second"))
              .put(
                  "expected_price_deliveries_per_second",
                  Report.round(fetched * subscribersPerSymbol))
              .put("clients_report", seen)
              .put("from_transaction_start", rows)
              .put("cpu_service_jvm_cores", Report.round(cpu.selfSeconds() / seconds))
              .put("cpu_postgres_cores", Report.round(cpu.childrenSeconds() / seconds))
              .put("cpu_client_jvm_cores", Report.round(clientCpu / seconds))
              .put("load_average_before", load0)
              .put("load_average_after", Machine.loadAverage())
              .put("rss_service_jvm_mib_peak", Report.round(peakSelf))
              .put("rss_postgres_mib_peak", Report.round(peakChildren));
      log.info("SSE latency: {}", r.encode());
      return r;
    }
  }

  /**
   * {@code connections} idle SSE connections of one distinct symbol each, nothing polled: what the
   * service holds for them, from its RSS and from its heap after a full GC, before and after.
   */
  JsonObject idle(BenchService svc, int connections) throws Exception {
    Path clientLog = ctx.workDir().resolve("sse-idle-clients.log");
    int warm = Math.min(100, connections);
    try (SseClientJvm jvm =
        SseClientJvm.start(
            clientLog,
            CLIENT_JVM,
            String.valueOf(svc.port()),
            "I",
            String.valueOf(connections + warm),
            "1")) {
      // Load the stream's classes and JIT its path before the baseline, so they do not count.
      JsonObject warmed = jvm.ask("open " + warm, CLIENT_STEP);
      log.info("SSE idle warm-up: {}", warmed.encode());
      jvm.ask("close", CLIENT_STEP);
      Thread.sleep(2000);
      JsonObject before = snapshot(svc);
      jvm.ask("measure", CLIENT_STEP);
      JsonObject opened = jvm.ask("open " + connections, CLIENT_STEP);
      log.info("SSE idle opened: {}", opened.encode());
      int ok = opened.getInteger("ok");
      if (ok == 0) {
        throw new IllegalStateException("no SSE connection opened: " + opened.encode());
      }
      JsonObject seen = awaitSnapshots(jvm, ok, Duration.ofSeconds(120));
      Thread.sleep(2000);
      JsonObject after = snapshot(svc);
      JsonObject stillOpen = jvm.ask("report", CLIENT_STEP);
      double rssKiB = (after.getLong("rss_kib") - before.getLong("rss_kib")) / (double) ok;
      double heapKiB =
          (after.getDouble("heap_used_bytes") - before.getDouble("heap_used_bytes")) / ok / 1024;
      double directKiB =
          (after.getDouble("direct_buffer_bytes") - before.getDouble("direct_buffer_bytes"))
              / ok
              / 1024;
      JsonObject r =
          new JsonObject()
              .put("connections_asked", connections)
              .put("connections", opened)
              .put("snapshots_received", seen.getLong("snapshots"))
              .put("open_at_end", stillOpen.getInteger("open_now"))
              .put("ended_by_server", stillOpen.getLong("streams_ended_by_server"))
              .put("before", before)
              .put("after", after)
              .put("rss_kib_per_connection", Report.round(rssKiB))
              .put("heap_kib_per_connection", Report.round(heapKiB))
              .put("direct_kib_per_connection", Report.round(directKiB))
              .put(
                  "heap_committed_growth_mib",
                  Report.round(
                      (after.getDouble("heap_committed_bytes")
                              - before.getDouble("heap_committed_bytes"))
                          / (1024 * 1024)))
              .put("fd_soft_limit", fdLimit())
              .put("load_average", Machine.loadAverage());
      log.info("SSE idle: {}", r.encode());
      return r;
    }
  }

  private static JsonObject awaitSnapshots(SseClientJvm jvm, int connections, Duration timeout)
      throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    JsonObject seen = jvm.ask("report", CLIENT_STEP);
    while (seen.getLong("snapshots") < connections && System.nanoTime() < deadline) {
      Thread.sleep(250);
      seen = jvm.ask("report", CLIENT_STEP);
    }
    return seen;
  }

  /** RSS, and heap used + direct buffers right after a full GC ({@code jcmd GC.run}). */
  private static JsonObject snapshot(BenchService svc) throws Exception {
    Jcmd.run(svc.pid(), "GC.run");
    PromMetrics m = svc.metrics();
    return new JsonObject()
        .put("rss_kib", ProcStats.rssKiB(svc.pid()))
        .put("heap_used_bytes", m.valueWhere("jvm_memory_used_bytes", "area", "heap"))
        .put("direct_buffer_bytes", m.valueWhere("jvm_buffer_memory_used_bytes", "id", "direct"))
        .put("heap_committed_bytes", m.valueWhere("jvm_memory_committed_bytes", "area", "heap"))
        .put("heap_info", Jcmd.run(svc.pid(), "GC.heap_info").strip());
  }

  private static String fdLimit() {
    try {
      for (String line : java.nio.file.Files.readAllLines(Path.of("/proc/self/limits"))) {
        if (line.startsWith("Max open files")) {
          return line.replaceAll("\\s+", " ").strip();
        }
      }
    } catch (java.io.IOException e) {
      return "unknown: " + e;
    }
    return "unknown";
  }
}
