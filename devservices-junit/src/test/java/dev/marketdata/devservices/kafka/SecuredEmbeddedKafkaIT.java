package dev.marketdata.devservices.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marketdata.devservices.tls.TestCertificates;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The in-JVM broker with SCRAM and TLS listeners admits the right user and only it. */
class SecuredEmbeddedKafkaIT {
  private static final String USER = "mds";
  private static final String PASSWORD = "right-password";

  @TempDir static Path dir;
  private static TestCertificates ca;
  private static EmbeddedKafka kafka;

  @BeforeAll
  static void startBroker() {
    ca = TestCertificates.authority(dir, "kafka-test-ca");
    TestCertificates.Server server = ca.issueServer("broker", "dns:localhost", "ip:127.0.0.1");
    kafka =
        EmbeddedKafka.builder()
            .listener(SecurityProtocol.SASL_PLAINTEXT)
            .listener(SecurityProtocol.SASL_SSL)
            .scramUser(USER, PASSWORD)
            .keystore(server.keystore(), TestCertificates.STORE_PASSWORD)
            .start();
  }

  @AfterAll
  static void stopBroker() {
    kafka.close();
  }

  @Test
  void givenScramOverTls_withTheRightPassword_topicsCanBeCreated() throws Exception {
    Map<String, Object> config = scram(SecurityProtocol.SASL_SSL, PASSWORD);
    config.put(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, ca.truststore().toString());
    config.put(SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG, TestCertificates.STORE_PASSWORD);
    config.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PKCS12");

    try (Admin admin = Admin.create(config)) {
      admin.createTopics(List.of(new NewTopic("over-tls", 1, (short) 1))).all().get(30, SECONDS);
      assertThat(admin.listTopics().names().get(30, SECONDS)).contains("over-tls");
    }
  }

  @Test
  void givenAWrongPassword_theBroker_refusesAuthentication() {
    try (Admin admin = Admin.create(scram(SecurityProtocol.SASL_PLAINTEXT, "wrong-password"))) {
      assertThatThrownBy(() -> admin.describeCluster().nodes().get(30, SECONDS))
          .isInstanceOf(ExecutionException.class)
          .hasCauseInstanceOf(SaslAuthenticationException.class);
    }
  }

  @Test
  void givenTlsWithoutTheAuthoritysCertificate_theHandshake_fails() {
    try (Admin admin = Admin.create(scram(SecurityProtocol.SASL_SSL, PASSWORD))) {
      assertThatThrownBy(() -> admin.describeCluster().nodes().get(30, SECONDS))
          .isInstanceOf(ExecutionException.class)
          .hasCauseInstanceOf(SslAuthenticationException.class);
    }
  }

  private static Map<String, Object> scram(SecurityProtocol protocol, String password) {
    Map<String, Object> config = new HashMap<>();
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(protocol));
    config.put(AdminClientConfig.SECURITY_PROTOCOL_CONFIG, protocol.name);
    config.put(SaslConfigs.SASL_MECHANISM, "SCRAM-SHA-512");
    config.put(
        SaslConfigs.SASL_JAAS_CONFIG,
        "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
            + USER
            + "\" password=\""
            + password
            + "\";");
    return config;
  }

  private static final TimeUnit SECONDS = TimeUnit.SECONDS;
}
