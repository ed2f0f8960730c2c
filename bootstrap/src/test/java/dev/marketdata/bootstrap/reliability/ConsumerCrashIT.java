package dev.marketdata.bootstrap.reliability;

import static dev.marketdata.testsupport.Await.until;
import static org.assertj.core.api.Assertions.assertThat;

import dev.marketdata.bootstrap.testing.ServiceHarness;
import dev.marketdata.devservices.kafka.EmbeddedKafka;
import dev.marketdata.devservices.postgres.PostgresDatabase;
import dev.marketdata.devservices.postgres.PostgresExtension;
import dev.marketdata.testsupport.ServiceProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scenario 3: the moving-average consumer runs alone in a child process ({@code
 * MDS_ROLES=consumer}) and is killed with SIGKILL while events stream in: no shutdown hook, no
 * offset commit, a batch possibly half applied. A new consumer process re-reads from the last
 * committed offsets and the averages end up equal to the independent computation.
 */
@ExtendWith(PostgresExtension.class)
class ConsumerCrashIT {
  private static final Logger log = LoggerFactory.getLogger(ConsumerCrashIT.class);

  @TempDir Path dataDir;

  @Test
  void consumerKilledMidStream_restartedConsumer_endsWithTheIndependentAverages(PostgresDatabase db)
      throws Exception {
    try (EmbeddedKafka kafka = EmbeddedKafka.start();
        ServiceHarness service =
            ServiceHarness.start(
                Map.of(
                    "MDS_DATABASE_URL", db.postgresqlUrl(),
                    "MDS_KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                    "MDS_ROLES", "api,poller,relay",
                    "MDS_HTTP_PORT", "0",
                    "MDS_DATA_DIR", dataDir.toString(),
                    "MDS_INSTANCE_ID", "consumer-crash-api",
                    "MDS_POLL_TICK_MILLIS", "100",
                    "MDS_SHUTDOWN_TIMEOUT_SECONDS", "20"))) {
      Map<String, String> consumerEnv =
          Map.of(
              "MDS_DATABASE_URL",
              db.postgresqlUrl(),
              "MDS_KAFKA_BOOTSTRAP_SERVERS",
              kafka.bootstrapServers(),
              "MDS_ROLES",
              "consumer",
              "MDS_HTTP_PORT", // its health and metrics endpoint; never assume 8080 is free
              "0",
              "MDS_DATA_DIR",
              dataDir.resolve("consumer").toString(),
              "MDS_INSTANCE_ID",
              "consumer-crash-consumer",
              "MDS_SHUTDOWN_TIMEOUT_SECONDS",
              "20");
      Path output = dataDir.resolve("consumer.log");
      Api api = new Api(service.service().httpPort());
      Ledger ledger = Settled.ledger(service.service().database());
      String job = api.startJob("simulated", 1, "AAPL", "MSFT", "GOOG", "AMZN", "TSLA");

      long appliedBeforeCrash;
      try (ServiceProcess consumer = ServiceProcess.start(consumerEnv, output).awaitReady()) {
        until(
            "the consumer applied events for every symbol",
            Settled.WAIT,
            () -> ledger.count("SELECT count(*) FROM symbol_averages") >= 5);
        appliedBeforeCrash = ledger.count("SELECT count(*) FROM outbox");
        consumer.kill(); // SIGKILL while the job keeps producing five events a second
      }
      long rawAtCrash = ledger.totals().raw();
      until(
          "events keep arriving while no consumer runs",
          Duration.ofSeconds(30),
          () -> ledger.totals().raw() >= rawAtCrash + 10);
      boolean staleWhileDown = !ledger.averagesMatch();

      try (ServiceProcess restarted = ServiceProcess.start(consumerEnv, output).awaitReady()) {
        assertThat(api.delete("/prices/poll/" + job).status()).isEqualTo(200);
        // The killed member holds its partitions until its session times out (45 s by default).
        Settled.awaitQuiet(ledger);
        Ledger.Totals totals =
            Settled.assertNothingLostOrDuplicated(
                "consumer-crash", ledger, kafka.bootstrapServers());
        log.info(
            "consumer-crash: events before kill={} raw at kill={} averages stale while down={}"
                + " final raw={}",
            appliedBeforeCrash,
            rawAtCrash,
            staleWhileDown,
            totals.raw());
        restarted.sigterm();
        assertThat(restarted.awaitExit(Duration.ofSeconds(40))).isIn(0, 143);
      }
    }
  }
}
