package dev.marketdata.bootstrap.backfill;

import static dev.marketdata.testsupport.Await.until;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.marketdata.bootstrap.testing.ServiceHarness;
import dev.marketdata.devservices.kafka.KafkaExtension;
import dev.marketdata.devservices.kafka.TestKafka;
import dev.marketdata.devservices.postgres.PostgresDatabase;
import dev.marketdata.devservices.postgres.PostgresExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Backfill end to end with the simulated provider on a real PostgreSQL: the API accepts the job, a
 * poller replica runs it, the bars land in daily_bars with their raw responses; a second identical
 * backfill changes no bar; and with two poller replicas a job runs once.
 */
// One shared broker for the run: these roles (api, poller) send nothing to Kafka.
@ExtendWith({PostgresExtension.class, KafkaExtension.class})
class BackfillIT {
  static final Duration DEADLINE = Duration.ofSeconds(60);
  static final String BODY =
      "{\"symbols\":[\"AAPL\",\"MSFT\"],\"provider\":\"simulated\",\"interval\":\"1d\","
          + "\"from\":\"2026-01-02\",\"to\":\"2026-03-31\"}";

  @TempDir Path dataDir;

  private Map<String, String> env(
      PostgresDatabase db, TestKafka kafka, String replica, String roles) {
    Map<String, String> env = new HashMap<>();
    env.put("MDS_DATABASE_URL", db.postgresqlUrl());
    env.put("MDS_KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
    env.put("MDS_ROLES", roles);
    env.put("MDS_HTTP_PORT", "0");
    env.put("MDS_DATA_DIR", dataDir.resolve(replica).toString());
    env.put("MDS_INSTANCE_ID", replica);
    env.put("MDS_PROVIDERS", "simulated,finnhub");
    env.put("FINNHUB_API_KEY", "backfill-finnhub-key");
    env.put("MDS_SHUTDOWN_TIMEOUT_SECONDS", "20");
    return env;
  }

  private static JsonNode finished(ServiceHarness api, String jobId) {
    AtomicReference<JsonNode> last = new AtomicReference<>();
    until(
        "backfill job " + jobId + " finished",
        DEADLINE,
        () -> {
          ServiceHarness.Reply reply = api.get("/prices/backfill/" + jobId);
          last.set(reply.body());
          String status = reply.body().path("status").asText();
          return status.equals("completed") || status.equals("failed");
        });
    return last.get();
  }

  @Test
  void givenSimulatedProvider_backfillTwice_storesTheBarsOnceAndFinnhubIsRefused(
      PostgresDatabase db, TestKafka kafka) {
    try (ServiceHarness service =
        ServiceHarness.start(env(db, kafka, "backfill-one", "api,poller"))) {
      ServiceHarness.Reply accepted = service.post("/prices/backfill", BODY);
      assertThat(accepted.status()).isEqualTo(202);
      assertThat(accepted.body().path("status").asText()).isEqualTo("accepted");
      assertThat(accepted.body().path("config").path("interval").asText()).isEqualTo("1d");

      JsonNode first = finished(service, accepted.body().path("job_id").asText());

      assertThat(first.path("status").asText()).isEqualTo("completed");
      long bars = service.count("SELECT count(*) FROM daily_bars WHERE symbol IN ('AAPL', 'MSFT')");
      // 2026-01-02 to 2026-03-31: 63 weekdays, for each of the two symbols.
      assertThat(bars).isEqualTo(126);
      assertThat(first.path("bars_stored").asLong()).isEqualTo(126);
      assertThat(first.path("progress").findValuesAsText("state")).containsOnly("done");
      assertThat(
              service.count(
                  "SELECT count(*) FROM daily_bars b WHERE NOT EXISTS (SELECT 1 FROM"
                      + " raw_market_data r WHERE r.id = b.raw_response_id)"))
          .isZero();
      List<String> before = snapshot(service);

      JsonNode second =
          finished(service, service.post("/prices/backfill", BODY).body().path("job_id").asText());

      assertThat(second.path("status").asText()).isEqualTo("completed");
      assertThat(second.path("bars_stored").asLong()).isZero();
      assertThat(snapshot(service)).isEqualTo(before);
      // Each fetch is recorded once: two symbols, two runs.
      assertThat(
              service.count(
                  "SELECT count(*) FROM raw_market_data WHERE symbol IN ('AAPL', 'MSFT')"))
          .isEqualTo(4);

      ServiceHarness.Reply finnhub =
          service.post("/prices/backfill", BODY.replace("simulated", "finnhub"));
      assertThat(finnhub.status()).isEqualTo(400);
      assertThat(finnhub.contentType()).startsWith("application/problem+json");
      assertThat(finnhub.body().path("field").asText()).isEqualTo("provider");
    }
  }

  @Test
  void givenTwoPollerReplicas_aJobRunsOnce(PostgresDatabase db, TestKafka kafka) {
    try (ServiceHarness a = ServiceHarness.start(env(db, kafka, "backfill-a", "api,poller"));
        ServiceHarness b = ServiceHarness.start(env(db, kafka, "backfill-b", "poller"))) {
      String body =
          BODY.replace("[\"AAPL\",\"MSFT\"]", "[\"R1\",\"R2\",\"R3\",\"R4\",\"R5\",\"R6\"]");
      List<String> ids =
          List.of(
              a.post("/prices/backfill", body).body().path("job_id").asText(),
              a.post("/prices/backfill", body.replace("R", "Q")).body().path("job_id").asText());

      for (String id : ids) {
        assertThat(finished(a, id).path("status").asText()).isEqualTo("completed");
      }

      // Each symbol was fetched exactly once, whichever replica ran its job.
      assertThat(
              a.count(
                  "SELECT count(*) FROM raw_market_data WHERE provider = 'simulated'"
                      + " AND (symbol LIKE 'R%' OR symbol LIKE 'Q%')"))
          .isEqualTo(12);
      assertThat(
              a.count("SELECT count(*) FROM daily_bars WHERE symbol LIKE 'R%' OR symbol LIKE 'Q%'"))
          .isEqualTo(12 * 63);
    }
  }

  private static List<String> snapshot(ServiceHarness service) {
    return service.query(
        "SELECT symbol || ' ' || day || ' ' || open || ' ' || high || ' ' || low || ' ' || close"
            + " || ' ' || raw_response_id || ' ' || stored_at FROM daily_bars"
            + " ORDER BY symbol, day",
        row -> row.getString(1));
  }
}
