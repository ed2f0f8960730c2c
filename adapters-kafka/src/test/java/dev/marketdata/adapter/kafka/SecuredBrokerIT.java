package dev.marketdata.adapter.kafka;

import static dev.marketdata.testsupport.Await.failure;
import static dev.marketdata.testsupport.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

import dev.marketdata.devservices.kafka.EmbeddedKafka;
import dev.marketdata.devservices.tls.TestCertificates;
import dev.marketdata.domain.failure.DependencyUnavailable;
import dev.marketdata.domain.model.PriceEvent;
import dev.marketdata.domain.model.ProviderId;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The clients against a broker that wants SCRAM-SHA-512 over TLS, as managed clusters do: the
 * operator's client properties reach the admin client and the producer, and a wrong password or a
 * missing trust store is reported as what it is.
 */
class SecuredBrokerIT {
  private static final String PASSWORD = "broker-pw-42";

  @TempDir static Path dir;
  private static TestCertificates ca;
  private static EmbeddedKafka kafka;
  private Vertx vertx;

  @BeforeAll
  static void startBroker() {
    ca = TestCertificates.authority(dir, "secured-broker-ca");
    TestCertificates.Server server = ca.issueServer("broker", "ip:127.0.0.1");
    kafka =
        EmbeddedKafka.builder()
            .listener(SecurityProtocol.SASL_SSL)
            .scramUser("mds", PASSWORD)
            .keystore(server.keystore(), TestCertificates.STORE_PASSWORD)
            .start();
  }

  @AfterAll
  static void stopBroker() {
    kafka.close();
  }

  @BeforeEach
  void startVertx() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void closeVertx() throws Exception {
    result(vertx.close());
  }

  @Test
  void givenScramOverTls_topicsAreCreated_andEventsPublished() throws Exception {
    KafkaSettings settings = settings(PASSWORD, true);
    result(KafkaTopics.ensure(vertx, settings));
    KafkaPriceEventPublisher publisher =
        KafkaPriceEventPublisher.create(vertx, settings, new PriceEventCodec());
    try {
      List<PriceEvent> events =
          KafkaTestSupport.events(List.of("AAPL"), List.of(ProviderId.SIMULATED), 3);
      result(publisher.publish(events));

      try (KafkaClusterProbe probe = new KafkaClusterProbe(vertx, settings)) {
        assertThat(result(probe.reachable())).isTrue();
      }
    } finally {
      result(publisher.closeAsync());
    }
  }

  @Test
  void givenAWrongPassword_probeAndTopics_failNamingAuthentication_withoutThePassword()
      throws Exception {
    KafkaSettings settings = settings("wrong-pw-17", true);

    try (KafkaClusterProbe probe = new KafkaClusterProbe(vertx, settings)) {
      assertThat(failure(probe.reachable().toCompletionStage()))
          .isInstanceOf(DependencyUnavailable.class)
          .hasMessageContaining("authentication failed")
          .hasMessageContaining("security.protocol=SASL_SSL, sasl.mechanism=SCRAM-SHA-512")
          .hasMessageNotContaining("wrong-pw-17");
    }
    assertThat(failure(KafkaTopics.ensure(vertx, settings).toCompletionStage()))
        .isInstanceOf(DependencyUnavailable.class)
        .hasMessageContaining("authentication failed")
        .hasMessageNotContaining("wrong-pw-17");
  }

  @Test
  void givenNoTrustStore_theProbe_failsNamingTheTlsHandshake() throws Exception {
    try (KafkaClusterProbe probe = new KafkaClusterProbe(vertx, settings(PASSWORD, false))) {
      assertThat(failure(probe.reachable().toCompletionStage()))
          .isInstanceOf(DependencyUnavailable.class)
          .hasMessageContaining("TLS handshake with the broker failed");
    }
  }

  private static KafkaSettings settings(String password, boolean trustTheCa) {
    Map<String, String> client = new HashMap<>();
    client.put("security.protocol", "SASL_SSL");
    client.put("sasl.mechanism", "SCRAM-SHA-512");
    client.put(
        "sasl.jaas.config",
        "org.apache.kafka.common.security.scram.ScramLoginModule required"
            + " username=\"mds\" password=\""
            + password
            + "\";");
    if (trustTheCa) {
      client.put("ssl.truststore.location", ca.truststore().toString());
      client.put("ssl.truststore.password", TestCertificates.STORE_PASSWORD);
      client.put("ssl.truststore.type", "PKCS12");
    }
    return KafkaSettings.defaults(kafka.bootstrapServers(SecurityProtocol.SASL_SSL))
        .withTopics("secured-events", "secured-events.dlq")
        .withTimeouts(Duration.ofSeconds(6), Duration.ofSeconds(2), Duration.ofSeconds(3))
        .withClientProperties(KafkaClientProperties.of(client));
  }
}
