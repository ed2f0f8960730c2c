package dev.marketdata.bench;

import io.vertx.core.json.JsonObject;

/** The live parts' table (SSE latency, idle connections) and the page that explains it. */
final class LiveSummary {
  static final String LINK =
      "Live delivery (SSE latency, idle connection memory): [`live.md`](live.md), measured by"
          + " `benchmarks/run.sh --live`.";
  private static final double P99_TARGET_MS = 250;
  private static final double KIB_TARGET = 20;

  private LiveSummary() {}

  /** A number of the results, NaN when absent (nothing measured, or a JSON null). */
  private static double d(JsonObject o, String key) {
    Number n = o == null ? null : o.getNumber(key);
    return n == null ? Double.NaN : n.doubleValue();
  }

  static Report table(JsonObject live) {
    Report t = new Report();
    JsonObject l = live.getJsonObject("sse_latency");
    if (l != null) {
      JsonObject seen = l.getJsonObject("clients_report");
      JsonObject lat = seen.getJsonObject("price_latency");
      String at =
          " ("
              + l.getInteger("symbols")
              + " prices/s offered, "
              + l.getJsonObject("connections").getInteger("ok")
              + " clients × "
              + l.getInteger("symbols_per_client")
              + " symbols)";
      t.info("SSE price latency p50" + at, d(lat, "p50_ms"), "ms");
      t.info("SSE price latency p90", d(lat, "p90_ms"), "ms");
      double p99 = d(lat, "p99_ms");
      t.row(
          "SSE price latency p99",
          p99,
          "ms",
          Double.NaN,
          null,
          "< 250 ms",
          Double.isNaN(p99) ? Boolean.FALSE : p99 < P99_TARGET_MS);
      t.info("SSE price latency max", d(lat, "max_ms"), "ms");
      JsonObject rows = l.getJsonObject("from_transaction_start");
      if (rows != null && rows.getLong("rows_found") > 0) {
        JsonObject first = rows.getJsonObject("transaction_start_to_first_receipt");
        JsonObject last = rows.getJsonObject("transaction_start_to_last_receipt");
        t.info(
            "Ingest transaction start → last subscriber received, p50 ("
                + rows.getLong("rows_found")
                + " prices)",
            d(last, "p50_ms"),
            "ms",
            "first subscriber: " + Report.fmt(d(first, "p50_ms")) + " ms");
        t.info(
            "Ingest transaction start → last subscriber received, p99",
            d(last, "p99_ms"),
            "ms",
            "first subscriber: " + Report.fmt(d(first, "p99_ms")) + " ms");
      }
      JsonObject avg = seen.getJsonObject("average_latency");
      if (avg.getLong("count") > 0) {
        t.info("SSE average latency p99 (quote time → average received)", d(avg, "p99_ms"), "ms");
      }
      t.row(
          "Prices stored (published to Kafka)",
          d(l, "stored_published_per_second"),
          "events/s",
          l.getInteger("offered_events_per_second"),
          "offered",
          null,
          null);
      t.row(
          "Distinct prices seen in the streams",
          d(l, "stored_seen_in_streams_per_second"),
          "events/s",
          d(l, "fetched_per_second"),
          "fetched",
          null,
          null);
      t.row(
          "Price events delivered to clients",
          d(seen, "price_deliveries_per_second"),
          "events/s",
          d(l, "expected_price_deliveries_per_second"),
          "fetched × subscribers",
          null,
          null);
      t.info(
          "Average events delivered to clients",
          d(seen, "average_deliveries_per_second"),
          "events/s");
      t.info(
          "CPU, service JVM (+ PostgreSQL, + client JVM)",
          d(l, "cpu_service_jvm_cores"),
          "cores",
          "+ "
              + Report.fmt(d(l, "cpu_postgres_cores"))
              + " + "
              + Report.fmt(d(l, "cpu_client_jvm_cores"))
              + " cores of "
              + Runtime.getRuntime().availableProcessors());
    }
    idleRows(t, live.getJsonObject("sse_idle"), "default JVM options");
    idleRows(
        t, live.getJsonObject("sse_idle_pretouched_heap"), "heap fixed at 1 GiB and pre-touched");
    return t;
  }

  private static void idleRows(Report t, JsonObject i, String how) {
    if (i == null) {
      return;
    }
    int ok = i.getJsonObject("connections").getInteger("ok");
    double rss = d(i, "rss_kib_per_connection");
    double heap = d(i, "heap_kib_per_connection");
    t.row(
        "Idle SSE connections, " + how + " (" + ok + "): RSS per connection",
        rss,
        "KiB",
        Double.NaN,
        null,
        "< 20 KiB",
        rss < KIB_TARGET);
    t.row(
        "… heap used after full GC per connection",
        heap,
        "KiB",
        Double.NaN,
        null,
        "< 20 KiB",
        heap < KIB_TARGET);
    t.info("… direct buffers per connection", d(i, "direct_kib_per_connection"), "KiB");
    t.info("… committed heap growth", d(i, "heap_committed_growth_mib"), "MiB");
  }

  static String markdown(JsonObject json, Report table) {
    JsonObject m = json.getJsonObject("machine");
    JsonObject live = json.getJsonObject("live");
    StringBuilder md = new StringBuilder("# Live delivery benchmarks (SSE)\n\n");
    md.append("Run of ")
        .append(m.getString("started"))
        .append(" (")
        .append(m.getString("mode"))
        .append(" sizes) on ")
        .append(m.getInteger("cores"))
        .append(" shared cores, load average ")
        .append(d(m, "load_average_at_start"))
        .append(" at the start, ")
        .append(d(m, "load_average_at_end"))
        .append(" at the end. Full data: `live.json`.\n\n");
    md.append(table.markdown()).append('\n');
    JsonObject l = live.getJsonObject("sse_latency");
    if (l != null) {
      md.append("**Latency** is ").append(l.getString("latency_definition")).append("\n\n");
    }
    json.fieldNames().stream()
        .filter(k -> k.endsWith("_error"))
        .sorted()
        .forEach(
            k ->
                md.append("Part failed: `")
                    .append(k)
                    .append("`: ")
                    .append(json.getValue(k))
                    .append("\n\n"));
    return md.toString();
  }
}
