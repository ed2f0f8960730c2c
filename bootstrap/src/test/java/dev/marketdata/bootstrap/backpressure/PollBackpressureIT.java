package dev.marketdata.bootstrap.backpressure;

import static dev.marketdata.testsupport.Await.until;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.marketdata.bootstrap.testing.ServiceHarness;
import dev.marketdata.devservices.kafka.EmbeddedKafka;
import dev.marketdata.devservices.postgres.PostgresDatabase;
import dev.marketdata.devservices.postgres.PostgresExtension;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Back-pressure end to end (ADR 0017), on a real PostgreSQL and broker: a poller with no relay
 * stores prices until the outbox reaches the (small) high mark, then stores nothing more while its
 * runs come and go; once a relay and a consumer drain the pipeline, polling resumes.
 */
@ExtendWith(PostgresExtension.class)
class PollBackpressureIT {
  private static final Logger log = LoggerFactory.getLogger(PollBackpressureIT.class);
  private static final int HIGH = 300;
  private static final int SYMBOLS = 50;
  private static final Duration DEADLINE = Duration.ofSeconds(90);

  @TempDir Path dataDir;
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private Map<String, String> env(
      PostgresDatabase db, EmbeddedKafka kafka, String replica, String roles) {
    Map<String, String> env = new HashMap<>();
    env.put("MDS_DATABASE_URL", db.postgresqlUrl());
    env.put("MDS_KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
    env.put("MDS_ROLES", roles);
    env.put("MDS_HTTP_PORT", "0");
    env.put("MDS_DATA_DIR", dataDir.resolve(replica).toString());
    env.put("MDS_INSTANCE_ID", replica);
    env.put("MDS_PROVIDERS", "simulated");
    env.put("MDS_POLL_TICK_MILLIS", "100");
    env.put("MDS_POLL_INGEST_BATCH_SIZE", "10");
    env.put("MDS_POLL_BACKPRESSURE_HIGH", String.valueOf(HIGH));
    env.put("MDS_POLL_BACKPRESSURE_LOW", String.valueOf(HIGH / 3));
    env.put("MDS_POLL_BACKPRESSURE_CHECK_MILLIS", "100");
    env.put("MDS_SHUTDOWN_TIMEOUT_SECONDS", "10");
    return env;
  }

  @Test
  void givenNoRelay_polling_stopsGrowingTheOutboxAtTheHighMark_andResumesOnceThePipelineDrains(
      PostgresDatabase db) throws Exception {
    try (EmbeddedKafka kafka = EmbeddedKafka.start();
        ServiceHarness poller = ServiceHarness.start(env(db, kafka, "bp-poller", "api,poller"))) {
      String job = startJob(poller);

      until(
          "a run ended with symbols held back for the pipeline",
          DEADLINE,
          () -> lastError(poller, job).contains("(back-pressure)"));
      assertThat(metric(poller, "mds_poll_backpressure_waits_total")).isPositive();
      assertThat(metric(poller, "mds_poll_backpressure_wait_seconds_total")).isPositive();
      assertThat(metric(poller, "mds_poll_backpressure_unknown_total")).isZero();
      // A chunk that had started before the hold may still be storing: settle on the next run.
      long settledAfter = runCount(poller, job);
      until("one more run ended", DEADLINE, () -> runCount(poller, job) > settledAfter);
      long held = pricePoints(poller);
      long runs = runCount(poller, job);
      until("two more runs ended", DEADLINE, () -> runCount(poller, job) >= runs + 2);

      assertThat(pricePoints(poller)).as("nothing stored while held").isEqualTo(held);
      assertThat(held).as("stored up to the high mark").isGreaterThanOrEqualTo(HIGH);
      assertThat(metric(poller, "mds_poll_backpressure_backlog"))
          .as("the backlog the poller sees: the stored prices wait in the outbox")
          .isGreaterThanOrEqualTo(HIGH);
      assertThat(lastError(poller, job))
          .startsWith("missed " + SYMBOLS + " of " + SYMBOLS + " symbol(s)")
          .contains("polling waited for the pipeline's backlog (back-pressure)");
      log.info("back-pressure: held at {} stored prices (high mark {})", held, HIGH);

      try (ServiceHarness drain =
          ServiceHarness.start(env(db, kafka, "bp-drain", "relay,consumer"))) {
        until(
            "polling resumed once the relay and consumer drained the pipeline",
            DEADLINE,
            () -> pricePoints(poller) >= held + 2L * SYMBOLS);
      }
      assertThat(poller.delete("/prices/poll/" + job).status()).isEqualTo(200);
    }
  }

  private String startJob(ServiceHarness poller) {
    StringBuilder symbols = new StringBuilder();
    for (int i = 0; i < SYMBOLS; i++) {
      symbols.append(i == 0 ? "" : ",").append("\"BP").append(i).append('"');
    }
    ServiceHarness.Reply accepted =
        poller.post(
            "/prices/poll",
            "{\"symbols\":[" + symbols + "],\"interval\":1,\"provider\":\"simulated\"}");
    assertThat(accepted.status()).as("job accepted: %s", accepted.body()).isEqualTo(202);
    return accepted.body().get("job_id").asText();
  }

  private static JsonNode jobOf(ServiceHarness poller, String job) {
    ServiceHarness.Reply reply = poller.get("/prices/poll/" + job);
    assertThat(reply.status()).isEqualTo(200);
    return reply.body();
  }

  private static String lastError(ServiceHarness poller, String job) {
    JsonNode error = jobOf(poller, job).get("last_error");
    return error == null || error.isNull() ? "" : error.asText();
  }

  private static long runCount(ServiceHarness poller, String job) {
    return jobOf(poller, job).get("run_count").asLong();
  }

  private static long pricePoints(ServiceHarness poller) {
    return poller.count("SELECT count(*) FROM price_points");
  }

  /** One unlabelled series of the process's {@code /metrics}. */
  private double metric(ServiceHarness service, String name)
      throws IOException, InterruptedException {
    HttpResponse<String> scrape =
        http.send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + service.service().httpPort() + "/metrics"))
                .timeout(Duration.ofSeconds(30))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    Matcher value =
        Pattern.compile("(?m)^" + Pattern.quote(name) + "(?:\\{[^}]*\\})? (\\S+)$")
            .matcher(scrape.body());
    assertThat(value.find()).as("%s in /metrics", name).isTrue();
    return Double.parseDouble(value.group(1));
  }
}
