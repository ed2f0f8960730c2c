package dev.marketdata.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SummaryTest {
  private static JsonObject load(double rps, double p99, int connections) {
    return new JsonObject()
        .put("connections", connections)
        .put("requests_per_second", rps)
        .put("p50_ms", 0.5)
        .put("p99_ms", p99);
  }

  private static JsonObject poll(int symbols, double sustained, double p99) {
    return new JsonObject()
        .put("symbols", symbols)
        .put("sustained_per_second", sustained)
        .put("fetch_to_average_p50_ms", p99 / 2)
        .put("fetch_to_average_p99_ms", p99)
        .put("rss_jvm_mib_peak", 600.0)
        .put("rss_postgres_mib_peak", 400.0)
        .put("cpu_jvm_cores", 0.5)
        .put("cpu_postgres_cores", 0.7)
        .put(
            "database",
            DatabaseSize.summarize(
                100L << 20, 1_000_000, new JsonObject().put("price_points", 40L << 20)));
  }

  private static JsonObject results() {
    JsonObject split =
        poll(10_000, 9_990, 420)
            .put("cpu_all_cores", 1.8)
            .put(
                "processes",
                new JsonObject()
                    .put("api-1", new JsonObject().put("rss_mib_peak", 200.0).put("cpu_cores", 0.1))
                    .put(
                        "relay-1",
                        new JsonObject().put("rss_mib_peak", 250.0).put("cpu_cores", 0.2)))
            .put(
                "http",
                new JsonObject()
                    .put("per_api", new JsonArray().add(load(5_000, 30, 32)))
                    .put("requests_per_second", 10_000.0)
                    .put("p99_ms_worst_api", 30.0));
    return new JsonObject()
        .put(
            "machine",
            new JsonObject()
                .put("cores", 2)
                .put("load_average_at_start", 1.0)
                .put("http_load_tool", "wrk"))
        .put(
            "http",
            new JsonObject()
                .put("service", load(85_000, 5, 64))
                .put("bare_vertx", load(100_000, 3, 64)))
        .put(
            "http_api_role",
            new JsonObject()
                .put("api_role", load(70_000, 12, 64))
                .put("all_roles_idle", load(60_000, 20, 64))
                .put("bare_vertx", load(100_000, 3, 64)))
        .put(
            "pipeline_driver",
            new JsonObject().put("symbols", 10_000).put("sustained_per_second", 15_500.0))
        .put(
            "scale",
            new JsonArray()
                .add(poll(1_000, 999, 150))
                .add(poll(5_000, 4_990, 480))
                .add(poll(20_000, 19_500, 2_000)))
        .put("split_roles", new JsonArray().add(split));
  }

  private static JsonObject row(Report t, String figureStart) {
    List<JsonObject> rows =
        IntStream.range(0, t.toJson().size())
            .mapToObj(i -> t.toJson().getJsonObject(i))
            .filter(r -> r.getString("figure").startsWith(figureStart))
            .toList();
    assertThat(rows).as(figureStart).hasSize(1);
    return rows.get(0);
  }

  @Test
  void givenEveryPart_table_judgesIssue20sTargets() {
    Report t = Summary.table(results(), Params.full());

    assertThat(row(t, "HTTP GET /prices/latest (cache hit), embedded").getBoolean("met")).isTrue();
    JsonObject apiRole = row(t, "HTTP GET /prices/latest (cache hit), MDS_ROLES=api");
    assertThat(apiRole.getDouble("ratio")).isEqualTo(0.7);
    assertThat(apiRole.getBoolean("met")).isFalse();
    assertThat(row(t, "HTTP p99 latency, MDS_ROLES=api").getBoolean("met")).isFalse();
    assertThat(row(t, "HTTP p99 latency, all four roles idle").getBoolean("met")).isNull();
    assertThat(row(t, "Pipeline sustained, as-fast-as-it-can").getBoolean("met")).isTrue();
    assertThat(row(t, "Pipeline sustained, poll 20000").getBoolean("met")).isFalse();
    assertThat(row(t, "Pipeline sustained, poll 1000").getBoolean("met")).isNull();
    assertThat(row(t, "Fetch → average committed p99 at 5000").getBoolean("met")).isTrue();
    assertThat(row(t, "Database per million price points at 20000").getDouble("value"))
        .isEqualTo(100.0);
    assertThat(row(t, "Split roles (API×2").getDouble("value")).isEqualTo(9_990.0);
    assertThat(row(t, "Split roles: RSS of the six JVMs").getDouble("value")).isEqualTo(450.0);
    assertThat(row(t, "Split roles: cached GET p99").getDouble("value")).isEqualTo(30.0);
    assertThat(t.markdown()).contains("≥ 20,000 events/s at 20,000 symbols");
  }

  @Test
  void givenPairedRounds_table_judgesTheirMedianRatioRatherThanTheTotals() {
    JsonObject r = results();
    // Totals say 85%, the paired rounds' median 78%: the rounds decide.
    r.getJsonObject("http").put("ratio", 0.78).put("rounds", new JsonArray());
    r.getJsonObject("http_api_role")
        .put("ratio", 0.81)
        .put("ratio_all_roles_idle", 0.6)
        .put("rounds_api_role", new JsonArray())
        .put("rounds_all_roles_idle", new JsonArray());

    Report t = Summary.table(r, Params.full());

    JsonObject embedded = row(t, "HTTP GET /prices/latest (cache hit), embedded");
    assertThat(embedded.getDouble("ratio")).isEqualTo(0.78);
    assertThat(embedded.getBoolean("met")).isFalse();
    assertThat(embedded.getString("ceiling_name")).contains("median of paired rounds");
    JsonObject apiRole = row(t, "HTTP GET /prices/latest (cache hit), MDS_ROLES=api");
    assertThat(apiRole.getDouble("ratio")).isEqualTo(0.81);
    assertThat(apiRole.getBoolean("met")).isTrue();
    assertThat(row(t, "HTTP GET /prices/latest (cache hit), all four roles").getDouble("ratio"))
        .isEqualTo(0.6);
  }

  @Test
  void givenANarrowedRunWithoutTheLatencySize_table_showsLatencyForEverySize() {
    JsonObject r = results();
    r.put("scale", new JsonArray().add(poll(200, 199, 90)).add(poll(300, 299, 95)));

    Report t = Summary.table(r, Params.full());

    assertThat(row(t, "Fetch → average committed p99 at 200").getBoolean("met")).isNull();
    assertThat(row(t, "Fetch → average committed p99 at 300").getBoolean("met")).isNull();
  }

  @Test
  void givenEveryPart_chart_isWritten(@TempDir Path dir) throws Exception {
    Path png = dir.resolve("chart.png");

    SummaryChart.chart(results(), Params.full()).write(png);

    assertThat(Files.size(png)).isPositive();
  }
}
