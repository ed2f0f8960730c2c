package dev.marketdata.bootstrap.reliability;

import static dev.marketdata.testsupport.Await.holdsFor;
import static dev.marketdata.testsupport.Await.until;
import static org.assertj.core.api.Assertions.assertThat;

import dev.marketdata.bootstrap.OutboxSql;
import dev.marketdata.bootstrap.testing.ServiceHarness;
import dev.marketdata.devservices.kafka.EmbeddedKafka;
import dev.marketdata.devservices.postgres.PostgresDatabase;
import dev.marketdata.devservices.postgres.PostgresExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scenario 1: the Kafka broker goes away for ten seconds while a job polls five symbols every
 * second; the outbox holds the events and the relay delivers them once the broker is back.
 */
@ExtendWith(PostgresExtension.class)
class ServiceBrokerOutageIT {
  private static final Logger log = LoggerFactory.getLogger(ServiceBrokerOutageIT.class);

  @TempDir Path dataDir;

  @Test
  void brokerDownTenSeconds_everyRawRowHasOnePointAndOneEvent(PostgresDatabase db)
      throws Exception {
    // A broker of our own: the service's topic and consumer group are fixed names.
    try (EmbeddedKafka kafka = EmbeddedKafka.start();
        ServiceHarness service =
            ServiceHarness.start(
                Map.of(
                    "MDS_DATABASE_URL", db.postgresqlUrl(),
                    "MDS_KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                    "MDS_HTTP_PORT", "0",
                    "MDS_DATA_DIR", dataDir.toString(),
                    "MDS_INSTANCE_ID", "broker-outage",
                    "MDS_POLL_TICK_MILLIS", "100",
                    "MDS_SHUTDOWN_TIMEOUT_SECONDS", "20"))) {
      Api api = new Api(service.service().httpPort());
      Ledger ledger = Settled.ledger(service.service().database());
      String job = api.startJob("simulated", 1, "AAPL", "MSFT", "GOOG", "AMZN", "TSLA");
      until(
          "events are published before the outage",
          Settled.WAIT,
          () -> ledger.count(OutboxSql.published("outbox")) >= 10);

      kafka.stop();
      long rawAtStop = ledger.totals().raw();
      until(
          "readiness reports Kafka down",
          Duration.ofSeconds(30),
          () -> api.statusOrMinusOne("/health/ready") == 503);
      holdsFor(
          "the API stays live while the broker is down (10 s)",
          Duration.ofSeconds(10),
          () -> api.statusOrMinusOne("/health/live") == 200);
      Ledger.Totals duringOutage = ledger.totals();
      assertThat(duringOutage.raw()).as("polling went on without Kafka").isGreaterThan(rawAtStop);
      assertThat(duringOutage.unpublished()).as("events waiting in the outbox").isPositive();

      kafka.restart();
      until(
          "the outbox drains after the broker is back",
          Settled.WAIT,
          () -> ledger.allPublished() && api.statusOrMinusOne("/health/ready") == 200);
      assertThat(api.delete("/prices/poll/" + job).status()).isEqualTo(200);
      Settled.awaitQuiet(ledger);

      Ledger.Totals totals =
          Settled.assertNothingLostOrDuplicated("broker-outage", ledger, kafka.bootstrapServers());
      log.info(
          "broker-outage: raw at stop={} during outage={} unpublished at restart={} final={}",
          rawAtStop,
          duringOutage.raw(),
          duringOutage.unpublished(),
          totals.raw());
    }
  }
}
