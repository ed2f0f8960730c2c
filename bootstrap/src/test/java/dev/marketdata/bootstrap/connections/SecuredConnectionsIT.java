package dev.marketdata.bootstrap.connections;

import static dev.marketdata.testsupport.Await.until;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import dev.marketdata.bootstrap.OutboxSql;
import dev.marketdata.bootstrap.testing.ServiceHarness;
import dev.marketdata.devservices.kafka.EmbeddedKafka;
import dev.marketdata.devservices.postgres.EmbeddedPostgres;
import dev.marketdata.devservices.tls.TestCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service against a PostgreSQL and a Kafka set up like managed ones: TLS only with a password
 * for PostgreSQL, SCRAM-SHA-512 over TLS for Kafka, each with certificates of a private authority.
 * Every connection setting comes through the environment, as in production.
 */
class SecuredConnectionsIT {
  private static final String DB_USER = "mds_app";
  private static final String DB_PASSWORD = "db-pw-8146";
  private static final String KAFKA_PASSWORD = "kafka-pw-5521";
  private static final String WRONG_KAFKA_PASSWORD = "wrong-kafka-pw-3390";

  @TempDir static Path dir;
  private static TestCertificates ca;
  private static EmbeddedPostgres postgres;
  private static EmbeddedKafka kafka;
  private static Path passwordFile;

  @BeforeAll
  static void startSecuredServers() throws Exception {
    ca = TestCertificates.authority(dir, "managed-ca");
    TestCertificates.Server db = ca.issueServer("db", "dns:localhost");
    TestCertificates.Server broker = ca.issueServer("broker", "ip:127.0.0.1");
    postgres =
        EmbeddedPostgres.startTemporary(
            new EmbeddedPostgres.TlsOnly(db.certificatePem(), db.privateKeyPem()));
    try (Connection c =
            DriverManager.getConnection(
                postgres.adminDatabase().jdbcUrl() + "?sslmode=require", "postgres", "");
        Statement st = c.createStatement()) {
      st.execute("CREATE ROLE " + DB_USER + " LOGIN PASSWORD '" + DB_PASSWORD + "'");
    }
    kafka =
        EmbeddedKafka.builder()
            .listener(SecurityProtocol.SASL_SSL)
            .scramUser("mds", KAFKA_PASSWORD)
            .keystore(broker.keystore(), TestCertificates.STORE_PASSWORD)
            .start();
    // A container secret: the password and the line break an editor leaves.
    passwordFile = Files.writeString(dir.resolve("db-password"), DB_PASSWORD + "\n");
  }

  @AfterAll
  static void stopServers() {
    kafka.close();
    postgres.close();
  }

  @Test
  void givenTlsEverywhere_andCredentialsBesideTheUrl_pricesFlowToTheAverages() throws Exception {
    createDatabase("flow");
    Map<String, String> env = env("flow", KAFKA_PASSWORD);
    try (ServiceHarness service = ServiceHarness.start(env)) {
      until("the service is ready", () -> service.get("/health/ready").status() == 200);

      ServiceHarness.Reply accepted =
          service.post(
              "/prices/poll",
              "{\"symbols\":[\"AAPL\",\"MSFT\"],\"interval\":1,\"provider\":\"simulated\"}");
      assertThat(accepted.status()).isEqualTo(202);
      until(
          "events went through the broker into the moving averages",
          () -> service.count("SELECT count(*) FROM symbol_averages") >= 2);
      until("the outbox is published", () -> service.count(OutboxSql.waiting("outbox")) == 0);
    }
  }

  @Test
  void givenAWrongKafkaPassword_readinessIsDown_andTheLogSaysAuthenticationFailed()
      throws Exception {
    createDatabase("wrong_pw_api");
    Map<String, String> env = env("wrong_pw_api", WRONG_KAFKA_PASSWORD);
    env.put("MDS_ROLES", "api,poller");
    try (CapturedLogs logs = new CapturedLogs();
        ServiceHarness service = ServiceHarness.start(env)) {
      until(
          "readiness reports kafka down",
          Duration.ofSeconds(60),
          () -> service.get("/health/ready").status() == 503);
      JsonNode checks = service.get("/health/ready").body().get("checks");
      assertThat(checks.toString())
          .contains("{\"name\":\"kafka\",\"status\":\"DOWN\"}")
          .contains("{\"name\":\"postgresql\",\"status\":\"UP\"}");
      until(
          "the log says why",
          () ->
              logs.lines().stream()
                  .anyMatch(
                      line ->
                          line.contains("readiness check kafka is DOWN")
                              && line.contains("authentication failed")
                              && line.contains("sasl.mechanism=SCRAM-SHA-512")));
      assertThat(logs.lines())
          .as("Kafka's own configuration dump was captured, secrets hidden")
          .anyMatch(line -> line.contains("sasl.jaas.config = [hidden]"));
      assertThat(logs.lines())
          .noneMatch(line -> line.contains(WRONG_KAFKA_PASSWORD) || line.contains(DB_PASSWORD));
    }
  }

  @Test
  void givenAWrongKafkaPassword_aRelayProcess_failsToStart_sayingWhy() {
    createDatabase("wrong_pw_relay");
    Map<String, String> env = env("wrong_pw_relay", WRONG_KAFKA_PASSWORD);
    env.put("MDS_ROLES", "relay");

    Throwable failure = catchThrowable(() -> ServiceHarness.start(env).close());

    assertThat(failure)
        .hasMessageContaining("creating the Kafka topics")
        .hasMessageContaining("authentication failed")
        .hasMessageNotContaining(WRONG_KAFKA_PASSWORD);
  }

  private static Map<String, String> env(String database, String kafkaPassword) {
    Map<String, String> env = new HashMap<>();
    env.put(
        "MDS_DATABASE_URL",
        "postgresql://localhost:"
            + postgres.port()
            + "/"
            + database
            + "?sslmode=verify-full&sslrootcert="
            + ca.certificatePem());
    env.put("MDS_DATABASE_USER", DB_USER);
    env.put("MDS_DATABASE_PASSWORD_FILE", passwordFile.toString());
    env.put("MDS_KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(SecurityProtocol.SASL_SSL));
    env.put("MDS_KAFKA_CLIENT_SECURITY_PROTOCOL", "SASL_SSL");
    env.put("MDS_KAFKA_CLIENT_SASL_MECHANISM", "SCRAM-SHA-512");
    env.put(
        "MDS_KAFKA_CLIENT_SASL_JAAS_CONFIG",
        "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"mds\""
            + " password=\""
            + kafkaPassword
            + "\";");
    env.put("MDS_KAFKA_CLIENT_SSL_TRUSTSTORE_LOCATION", ca.truststore().toString());
    env.put("MDS_KAFKA_CLIENT_SSL_TRUSTSTORE_TYPE", "PKCS12");
    env.put("MDS_KAFKA_CLIENT_SSL_TRUSTSTORE_PASSWORD", TestCertificates.STORE_PASSWORD);
    env.put("MDS_HTTP_PORT", "0");
    env.put("MDS_DATA_DIR", dir.resolve("data-" + database).toString());
    env.put("MDS_INSTANCE_ID", "secured-" + database);
    env.put("MDS_POLL_TICK_MILLIS", "100");
    env.put("MDS_SHUTDOWN_TIMEOUT_SECONDS", "10");
    return env;
  }

  private static void createDatabase(String name) {
    try (Connection c =
            DriverManager.getConnection(
                postgres.adminDatabase().jdbcUrl() + "?sslmode=require", "postgres", "");
        Statement st = c.createStatement()) {
      st.execute("CREATE DATABASE " + name + " OWNER " + DB_USER);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
