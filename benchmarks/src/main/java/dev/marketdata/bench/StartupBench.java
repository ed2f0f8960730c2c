package dev.marketdata.bench;

import dev.marketdata.devservices.kafka.EmbeddedKafka;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Part 5: seconds from {@code java -jar} to {@code /health/ready} answering 200, repeated. Embedded
 * mode keeps one data folder across runs, so the first run is cold (initdb, Kafka format) and the
 * rest warm. External mode uses the machine's PostgreSQL and a Kafka broker started beforehand.
 */
final class StartupBench {
  private static final Logger log = LoggerFactory.getLogger(StartupBench.class);
  static final String EXTERNAL_DATABASE = "postgresql://postgres@127.0.0.1:5432/test";

  private final BenchContext ctx;

  StartupBench(BenchContext ctx) {
    this.ctx = ctx;
  }

  JsonObject embedded(int runs) throws Exception {
    List<Double> seconds = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      try (BenchService svc = ctx.startService("startup-embedded", Map.of(), List.of())) {
        seconds.add(svc.awaitReady(Duration.ofSeconds(180)));
      }
    }
    log.info("startup embedded: {} s", seconds);
    return summary(seconds, "first run on an empty data folder (initdb + Kafka format)");
  }

  JsonObject external(int runs) throws Exception {
    String skip = externalDatabaseProblem();
    if (skip != null) {
      log.warn("external-mode startup skipped: {}", skip);
      return new JsonObject().put("skipped", skip);
    }
    List<Double> seconds = new ArrayList<>();
    try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
      Map<String, String> env =
          Map.of(
              "MDS_DATABASE_URL",
              EXTERNAL_DATABASE,
              "MDS_KAFKA_BOOTSTRAP_SERVERS",
              kafka.bootstrapServers());
      for (int i = 0; i < runs; i++) {
        try (BenchService svc = ctx.startService("startup-external", env, List.of())) {
          seconds.add(svc.awaitReady(Duration.ofSeconds(120)));
        }
      }
    }
    log.info("startup external: {} s", seconds);
    return summary(seconds, "first run also creates the topics (and the schema if absent)")
        .put("database", EXTERNAL_DATABASE)
        .put("kafka", "embedded broker started by the harness before the runs");
  }

  private static String externalDatabaseProblem() {
    try (Connection c =
        DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test?user=postgres")) {
      return c.isValid(2) ? null : "PostgreSQL at 127.0.0.1:5432/test not valid";
    } catch (Exception e) {
      return "PostgreSQL at 127.0.0.1:5432/test unreachable: " + e.getMessage();
    }
  }

  private static JsonObject summary(List<Double> seconds, String firstRunNote) {
    List<Double> rest = seconds.size() > 1 ? seconds.subList(1, seconds.size()) : seconds;
    return new JsonObject()
        .put("runs_seconds", new JsonArray(seconds.stream().map(Report::round).toList()))
        .put("first_seconds", Report.round(seconds.get(0)))
        .put("median_after_first_seconds", Report.round(Report.median(rest)))
        .put("first_run", firstRunNote);
  }
}
