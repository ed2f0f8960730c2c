package dev.marketdata.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Part 5: seconds from {@code java -jar} to {@code /health/ready} answering 200, repeated. Embedded
 * mode keeps one data folder across runs, so the first run is cold (initdb, Kafka format) and the
 * rest warm. External mode uses a PostgreSQL and a Kafka broker the harness starts beforehand
 * ({@link ExternalInfra}), so it needs nothing installed on the machine.
 */
final class StartupBench {
  private static final Logger log = LoggerFactory.getLogger(StartupBench.class);

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
    List<Double> seconds = new ArrayList<>();
    String infraText;
    try (ExternalInfra infra =
        ExternalInfra.start(ctx.workDir().resolve("startup-external-infra"))) {
      infraText = infra.describe();
      for (int i = 0; i < runs; i++) {
        try (BenchService svc = ctx.startService("startup-external", infra.env(), List.of())) {
          seconds.add(svc.awaitReady(Duration.ofSeconds(120)));
        }
      }
    }
    log.info("startup external: {} s", seconds);
    return summary(seconds, "first run also creates the schema and the topics")
        .put("infra", infraText + ", started by the harness before the runs");
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
