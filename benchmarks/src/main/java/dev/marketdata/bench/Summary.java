package dev.marketdata.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/** Turns the raw results into the table and the chart; parts that did not run are left out. */
final class Summary {
  private static final double PIPELINE_TARGET = 10_000;
  private static final double LATENCY_TARGET_MS = 500;
  private static final int LATENCY_TARGET_SYMBOLS = 5_000;
  private static final double HTTP_P99_TARGET_MS = 10;
  private static final double HTTP_RATIO_TARGET = 0.70;

  private Summary() {}

  static Report table(JsonObject r, Params p) {
    Report t = new Report();
    JsonObject http = r.getJsonObject("http");
    if (http != null) {
      JsonObject s = http.getJsonObject("service");
      JsonObject b = http.getJsonObject("bare_vertx");
      double ratio = s.getDouble("requests_per_second") / b.getDouble("requests_per_second");
      t.row(
          "HTTP GET /prices/latest (cache hit), " + s.getInteger("connections") + " conns",
          s.getDouble("requests_per_second"),
          "req/s",
          b.getDouble("requests_per_second"),
          "bare Vert.x",
          "≥ 70% of ceiling",
          ratio >= HTTP_RATIO_TARGET);
      t.row(
          "HTTP p50 latency",
          s.getDouble("p50_ms"),
          "ms",
          b.getDouble("p50_ms"),
          "bare Vert.x",
          null,
          null);
      t.row(
          "HTTP p99 latency",
          s.getDouble("p99_ms"),
          "ms",
          b.getDouble("p99_ms"),
          "bare Vert.x",
          "< 10 ms",
          s.getDouble("p99_ms") < HTTP_P99_TARGET_MS);
    }
    double kafka = value(r.getJsonObject("kafka_ceiling"), "produce_and_consume_per_second");
    double pg = value(r.getJsonObject("postgres_ceiling"), "rows_per_second");
    boolean kafkaLower = Double.isNaN(pg) || (!Double.isNaN(kafka) && kafka < pg);
    double ceiling = kafkaLower ? kafka : pg;
    String ceilingName = kafkaLower ? "Kafka produce+consume" : "PostgreSQL batch insert";
    JsonObject driver = r.getJsonObject("pipeline_driver");
    if (driver != null) {
      double v = driver.getDouble("sustained_per_second");
      t.row(
          "Pipeline sustained, as-fast-as-it-can driver ("
              + driver.getInteger("symbols")
              + " symbols)",
          v,
          "events/s",
          ceiling,
          ceilingName,
          "≥ 10,000 events/s",
          v >= PIPELINE_TARGET);
    }
    JsonArray scale = r.getJsonArray("scale", new JsonArray());
    for (int i = 0; i < scale.size(); i++) {
      JsonObject s = scale.getJsonObject(i);
      int symbols = s.getInteger("symbols");
      double v = s.getDouble("sustained_per_second");
      // Judged wherever at least the target is offered (fewer symbols cannot show 10,000/s).
      boolean top = symbols >= PIPELINE_TARGET;
      t.row(
          "Pipeline sustained, poll " + symbols + " symbols at 1 s (offered " + symbols + "/s)",
          v,
          "events/s",
          ceiling,
          ceilingName,
          top ? "≥ 10,000 events/s" : null,
          top ? v >= PIPELINE_TARGET : null);
      if (symbols == p.latencySymbols() || scale.size() == 1) {
        double p99 = s.getDouble("fetch_to_average_p99_ms");
        t.row(
            "Fetch → average committed p50 at " + symbols + "/s offered",
            s.getDouble("fetch_to_average_p50_ms"),
            "ms",
            Double.NaN,
            null,
            null,
            null);
        t.row(
            "Fetch → average committed p99 at " + symbols + "/s offered",
            p99,
            "ms",
            Double.NaN,
            null,
            "< 500 ms at 5,000/s",
            symbols == LATENCY_TARGET_SYMBOLS ? p99 < LATENCY_TARGET_MS : null);
      }
    }
    for (int i = 0; i < scale.size(); i++) {
      JsonObject s = scale.getJsonObject(i);
      t.row(
          "RSS at " + s.getInteger("symbols") + " polled symbols (JVM; + embedded PostgreSQL)",
          s.getDouble("rss_jvm_mib_peak"),
          "MiB",
          Double.NaN,
          null,
          "+ " + Report.fmt(s.getDouble("rss_postgres_mib_peak")) + " MiB PostgreSQL",
          null);
    }
    startupRow(t, r.getJsonObject("startup_embedded"), "Startup to ready, embedded mode");
    startupRow(t, r.getJsonObject("startup_external"), "Startup to ready, external mode");
    JsonArray jmh = r.getJsonArray("jmh", new JsonArray());
    for (int i = 0; i < jmh.size(); i++) {
      JsonObject j = jmh.getJsonObject(i);
      t.row(
          "JMH " + j.getString("benchmark"),
          j.getDouble("score"),
          j.getString("unit"),
          Double.NaN,
          null,
          null,
          null);
    }
    return t;
  }

  private static void startupRow(Report t, JsonObject s, String figure) {
    if (s == null || s.containsKey("skipped")) {
      return;
    }
    double warm = s.getDouble("median_after_first_seconds", Double.NaN);
    t.row(
        figure
            + " (first run "
            + Report.fmt(s.getDouble("first_seconds"))
            + " s; median of later runs)",
        Double.isNaN(warm) ? s.getDouble("first_seconds") : warm,
        "s",
        Double.NaN,
        null,
        null,
        null);
  }

  private static double value(JsonObject o, String key) {
    return o == null ? Double.NaN : o.getDouble(key);
  }

  static Chart chart(JsonObject r, Params p) {
    JsonObject m = r.getJsonObject("machine");
    Chart c =
        new Chart(
            "market-data-service benchmarks ("
                + p.mode()
                + ", "
                + m.getInteger("cores")
                + " shared cores, load avg "
                + m.getDouble("load_average_at_start")
                + ", "
                + m.getString("http_load_tool")
                + ")");
    JsonObject http = r.getJsonObject("http");
    if (http != null) {
      JsonObject s = http.getJsonObject("service");
      JsonObject b = http.getJsonObject("bare_vertx");
      c.panel(
          new Chart.Panel(
              "HTTP GET /prices/latest throughput",
              "req/s",
              List.of(
                  new Chart.Bar("service", s.getDouble("requests_per_second"), Chart.MEASURED),
                  new Chart.Bar(
                      "bare Vert.x (ceiling)", b.getDouble("requests_per_second"), Chart.CEILING)),
              Double.NaN,
              false));
      c.panel(
          new Chart.Panel(
              "HTTP latency",
              "ms",
              List.of(
                  new Chart.Bar("service p50", s.getDouble("p50_ms"), Chart.MEASURED),
                  new Chart.Bar("service p99", s.getDouble("p99_ms"), Chart.MEASURED),
                  new Chart.Bar("bare p50 (ceiling)", b.getDouble("p50_ms"), Chart.CEILING),
                  new Chart.Bar("bare p99 (ceiling)", b.getDouble("p99_ms"), Chart.CEILING)),
              HTTP_P99_TARGET_MS,
              false));
    }
    List<Chart.Bar> throughput = new ArrayList<>();
    JsonObject driver = r.getJsonObject("pipeline_driver");
    if (driver != null) {
      throughput.add(
          new Chart.Bar(
              "service, driver", driver.getDouble("sustained_per_second"), Chart.MEASURED));
    }
    JsonArray scale = r.getJsonArray("scale", new JsonArray());
    for (int i = 0; i < scale.size(); i++) {
      JsonObject s = scale.getJsonObject(i);
      throughput.add(
          new Chart.Bar(
              "service, poll " + s.getInteger("symbols"),
              s.getDouble("sustained_per_second"),
              Chart.MEASURED));
    }
    if (r.getJsonObject("kafka_ceiling") != null) {
      throughput.add(
          new Chart.Bar(
              "Kafka p+c (ceiling)",
              r.getJsonObject("kafka_ceiling").getDouble("produce_and_consume_per_second"),
              Chart.CEILING));
    }
    if (r.getJsonObject("postgres_ceiling") != null) {
      throughput.add(
          new Chart.Bar(
              "PG batch insert (ceiling)",
              r.getJsonObject("postgres_ceiling").getDouble("rows_per_second"),
              Chart.CEILING));
    }
    c.panel(
        new Chart.Panel("Pipeline events/s end to end", "/s", throughput, PIPELINE_TARGET, true));
    List<Chart.Bar> latency = new ArrayList<>();
    List<Chart.Bar> rss = new ArrayList<>();
    for (int i = 0; i < scale.size(); i++) {
      JsonObject s = scale.getJsonObject(i);
      latency.add(
          new Chart.Bar(
              "p50 at " + s.getInteger("symbols") + "/s",
              s.getDouble("fetch_to_average_p50_ms"),
              Chart.MEASURED));
      latency.add(
          new Chart.Bar(
              "p99 at " + s.getInteger("symbols") + "/s",
              s.getDouble("fetch_to_average_p99_ms"),
              Chart.MEASURED));
      rss.add(
          new Chart.Bar(
              "JVM at " + s.getInteger("symbols") + " symbols",
              s.getDouble("rss_jvm_mib_peak"),
              Chart.MEASURED));
      rss.add(
          new Chart.Bar(
              "PostgreSQL at " + s.getInteger("symbols"),
              s.getDouble("rss_postgres_mib_peak"),
              Chart.CEILING));
    }
    c.panel(new Chart.Panel("Fetch → average committed", "ms", latency, LATENCY_TARGET_MS, true));
    c.panel(new Chart.Panel("Resident memory (VmRSS)", "MiB", rss, Double.NaN, false));
    return c;
  }
}
