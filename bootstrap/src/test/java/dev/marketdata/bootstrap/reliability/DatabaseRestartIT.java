package dev.marketdata.bootstrap.reliability;

import static dev.marketdata.testsupport.Await.until;
import static org.assertj.core.api.Assertions.assertThat;

import dev.marketdata.bootstrap.testing.ServiceHarness;
import dev.marketdata.devservices.kafka.EmbeddedKafka;
import dev.marketdata.devservices.postgres.EmbeddedPostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scenario 2: PostgreSQL stops and comes back on the same port and data while a job polls and
 * clients ask for prices; the API says 503 meanwhile and everything recovers without a restart.
 */
class DatabaseRestartIT {
  private static final Logger log = LoggerFactory.getLogger(DatabaseRestartIT.class);

  @TempDir Path dataDir;

  @Test
  void postgresRestarted_apiAnswers503ThenRecoversAndNoIngestIsHalfWritten() throws Exception {
    try (EmbeddedPostgres postgres = EmbeddedPostgres.startTemporary();
        EmbeddedKafka kafka = EmbeddedKafka.start();
        ServiceHarness service =
            ServiceHarness.start(
                Map.of(
                    "MDS_DATABASE_URL", postgres.adminDatabase().postgresqlUrl(),
                    "MDS_KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                    "MDS_HTTP_PORT", "0",
                    "MDS_DATA_DIR", dataDir.toString(),
                    "MDS_INSTANCE_ID", "db-restart",
                    "MDS_POLL_TICK_MILLIS", "100",
                    "MDS_SHUTDOWN_TIMEOUT_SECONDS", "20"))) {
      Api api = new Api(service.service().httpPort());
      Ledger ledger = Settled.ledger(service.service().database());
      String job = api.startJob("simulated", 1, "AAPL", "MSFT", "GOOG");
      until(
          "the job stored prices",
          Settled.WAIT,
          () -> ledger.count("SELECT count(*) FROM price_points") >= 6);

      postgres.stop();
      until(
          "readiness reports PostgreSQL down",
          Duration.ofSeconds(30),
          () -> api.statusOrMinusOne("/health/ready") == 503);
      List<Integer> statuses = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        // A symbol never asked before: nothing cached, so the request needs the database.
        Api.Reply reply = api.get("/prices/latest?symbol=DBX" + i + "&provider=simulated");
        statuses.add(reply.status());
        assertThat(reply.status()).as("latest price while PostgreSQL is down").isEqualTo(503);
        assertThat(reply.isProblem()).as(reply.contentType()).isTrue();
        assertThat(reply.json().get("status").asInt()).isEqualTo(503);
        assertThat(reply.json().get("type").asText()).isNotBlank();
        assertThat(reply.json().get("title").asText()).isNotBlank();
        assertThat(reply.header("Retry-After")).isPresent();
      }
      Api.Reply jobDuringOutage = api.get("/prices/poll/" + job);
      assertThat(jobDuringOutage.status()).isEqualTo(503);
      assertThat(jobDuringOutage.isProblem()).isTrue();

      postgres.restart();
      until(
          "readiness recovers by itself",
          Settled.WAIT,
          () -> api.statusOrMinusOne("/health/ready") == 200);
      long runsAfterRestart = api.get("/prices/poll/" + job).json().get("run_count").asLong();
      long rawAfterRestart = ledger.totals().raw();
      until(
          "the job resumes: new rows and more runs",
          Settled.WAIT,
          () ->
              ledger.totals().raw() >= rawAfterRestart + 6
                  && runCount(api, job) >= runsAfterRestart + 2);
      Api.Reply fresh = api.get("/prices/latest?symbol=DBX0&provider=simulated");
      assertThat(fresh.status()).as(fresh.body()).isEqualTo(200);

      assertThat(api.delete("/prices/poll/" + job).status()).isEqualTo(200);
      Settled.awaitQuiet(ledger);
      Ledger.Totals totals =
          Settled.assertNothingLostOrDuplicated(
              "database-restart", ledger, kafka.bootstrapServers());
      assertThat(ledger.count("SELECT count(*) FROM raw_market_data WHERE symbol LIKE 'DBX%'"))
          .as("only the request after recovery stored DBX prices")
          .isEqualTo(1);
      log.info(
          "database-restart: outage statuses={} raw after restart={} final raw={}",
          statuses,
          rawAfterRestart,
          totals.raw());
    }
  }

  private static long runCount(Api api, String job) {
    try {
      Api.Reply reply = api.get("/prices/poll/" + job);
      return reply.status() == 200 ? reply.json().get("run_count").asLong() : -1;
    } catch (java.io.IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
