package dev.marketdata.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/** Draws the raw results as the chart beside the table, against {@link Summary}'s targets. */
final class SummaryChart {
  private SummaryChart() {}

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
    List<Chart.Bar> httpRate = new ArrayList<>();
    List<Chart.Bar> httpP99 = new ArrayList<>();
    JsonObject http = r.getJsonObject("http");
    if (http != null) {
      httpBars(httpRate, httpP99, "embedded", http.getJsonObject("service"), Chart.MEASURED);
      httpBars(
          httpRate, httpP99, "bare (ceiling)", http.getJsonObject("bare_vertx"), Chart.CEILING);
    }
    JsonObject apiRole = r.getJsonObject("http_api_role");
    if (apiRole != null) {
      httpBars(httpRate, httpP99, "api role", apiRole.getJsonObject("api_role"), Chart.MEASURED);
      httpBars(
          httpRate,
          httpP99,
          "all roles idle",
          apiRole.getJsonObject("all_roles_idle"),
          Chart.MEASURED);
      httpBars(
          httpRate,
          httpP99,
          "bare, ext. run (ceiling)",
          apiRole.getJsonObject("bare_vertx"),
          Chart.CEILING);
    }
    if (!httpRate.isEmpty()) {
      c.panel(
          new Chart.Panel(
              "HTTP GET /prices/latest (cache hit) throughput",
              "req/s",
              httpRate,
              Double.NaN,
              false));
      c.panel(
          new Chart.Panel("HTTP p99 latency", "ms", httpP99, Summary.HTTP_P99_TARGET_MS, false));
    }
    List<Chart.Bar> throughput = new ArrayList<>();
    JsonObject driver = r.getJsonObject("pipeline_driver");
    if (driver != null) {
      throughput.add(
          new Chart.Bar(
              "service, driver", driver.getDouble("sustained_per_second"), Chart.MEASURED));
    }
    JsonArray scale = r.getJsonArray("scale", new JsonArray());
    sustainedBars(throughput, scale, "service, poll ");
    JsonArray split = r.getJsonArray("split_roles", new JsonArray());
    sustainedBars(throughput, split, "split roles, poll ");
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
        new Chart.Panel(
            "Pipeline events/s end to end", "/s", throughput, Summary.PIPELINE_TARGET, true));
    List<Chart.Bar> latency = new ArrayList<>();
    List<Chart.Bar> rss = new ArrayList<>();
    List<Chart.Bar> disk = new ArrayList<>();
    for (int i = 0; i < scale.size(); i++) {
      JsonObject s = scale.getJsonObject(i);
      int symbols = s.getInteger("symbols");
      latency.add(
          new Chart.Bar(
              "p99 at " + symbols + "/s", s.getDouble("fetch_to_average_p99_ms"), Chart.MEASURED));
      rss.add(new Chart.Bar("JVM at " + symbols, s.getDouble("rss_jvm_mib_peak"), Chart.MEASURED));
      rss.add(
          new Chart.Bar(
              "PostgreSQL at " + symbols, s.getDouble("rss_postgres_mib_peak"), Chart.CEILING));
      JsonObject db = s.getJsonObject("database");
      if (db != null) {
        disk.add(
            new Chart.Bar(
                "database at " + symbols,
                db.getDouble("database_mib_per_million_points"),
                Chart.MEASURED));
      }
    }
    for (int i = 0; i < split.size(); i++) {
      JsonObject s = split.getJsonObject(i);
      latency.add(
          new Chart.Bar(
              "split roles p99 at " + s.getInteger("symbols") + "/s",
              s.getDouble("fetch_to_average_p99_ms"),
              Chart.MEASURED));
    }
    c.panel(
        new Chart.Panel(
            "Fetch → average committed p99", "ms", latency, Summary.LATENCY_TARGET_MS, true));
    c.panel(new Chart.Panel("Resident memory (VmRSS)", "MiB", rss, Double.NaN, false));
    if (!disk.isEmpty()) {
      c.panel(
          new Chart.Panel(
              "Database size per million price points", "MiB", disk, Double.NaN, false));
    }
    return c;
  }

  private static void httpBars(
      List<Chart.Bar> rate, List<Chart.Bar> p99, String label, JsonObject s, java.awt.Color color) {
    rate.add(new Chart.Bar(label, s.getDouble("requests_per_second"), color));
    p99.add(new Chart.Bar(label + " p99", s.getDouble("p99_ms"), color));
  }

  /** One measured bar per run of {@code runs}: its sustained events/s, labelled by symbols. */
  private static void sustainedBars(List<Chart.Bar> bars, JsonArray runs, String label) {
    for (int i = 0; i < runs.size(); i++) {
      JsonObject run = runs.getJsonObject(i);
      bars.add(
          new Chart.Bar(
              label + run.getInteger("symbols"),
              run.getDouble("sustained_per_second"),
              Chart.MEASURED));
    }
  }
}
