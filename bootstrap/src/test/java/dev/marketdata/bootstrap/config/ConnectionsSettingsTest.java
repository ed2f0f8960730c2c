package dev.marketdata.bootstrap.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marketdata.adapter.persistence.PgConnectionConfig;
import dev.marketdata.bootstrap.config.ConfigException.Problem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the database and the broker are reached: credentials beside the URL, Kafka client props. */
class ConnectionsSettingsTest {
  private static final String KAFKA = "broker.example.com:9096";
  private static final String JAAS =
      "org.apache.kafka.common.security.scram.ScramLoginModule required"
          + " username=\"mds\" password=\"kafka-s3cret\";";

  @TempDir Path dir;

  private static ServiceConfig parse(Map<String, String> env) {
    return ServiceConfig.from(ConfigSource.of(env));
  }

  private static ConfigException rejected(Map<String, String> env) {
    try {
      parse(env);
    } catch (ConfigException e) {
      return e;
    }
    throw new AssertionError("accepted " + env);
  }

  private static Map<String, String> withKafka(String... pairs) {
    Map<String, String> env = new HashMap<>();
    env.put("MDS_KAFKA_BOOTSTRAP_SERVERS", KAFKA);
    for (int i = 0; i < pairs.length; i += 2) {
      env.put(pairs[i], pairs[i + 1]);
    }
    return env;
  }

  @Test
  void givenUserAndPasswordBesideTheUrl_theyReplaceTheUrlsOwn() {
    String url = "postgresql://url-user:url-pw@db.example.com/mds?sslmode=require";
    ServiceConfig config =
        parse(
            Map.of(
                "MDS_DATABASE_URL", url,
                "MDS_DATABASE_USER", "mds_app",
                "MDS_DATABASE_PASSWORD", "env-pw"));

    PgConnectionConfig connection = config.database().connection(url);
    assertThat(connection.user()).isEqualTo("mds_app");
    assertThat(connection.password()).isEqualTo("env-pw");
    assertThat(connection.jdbcUrl()).contains("sslmode=require");
    assertThat(config.database().toString()).doesNotContain("env-pw", "url-pw");
  }

  @Test
  void givenAPasswordFile_itsContent_isThePassword_withoutTheLineBreak() throws Exception {
    Path secret = Files.writeString(dir.resolve("db-password"), "file-pw\n");
    String url = "postgresql://mds@db.example.com/mds";

    ServiceConfig config =
        parse(Map.of("MDS_DATABASE_URL", url, "MDS_DATABASE_PASSWORD_FILE", secret.toString()));

    assertThat(config.database().connection(url).password()).isEqualTo("file-pw");
    assertThat(config.database().connection(url).user()).isEqualTo("mds");
  }

  @Test
  void givenConflictingOrMisplacedCredentials_config_refusesThem_withoutShowingAPassword()
      throws Exception {
    Path secret = Files.writeString(dir.resolve("db-password"), "file-pw");
    Path empty = Files.writeString(dir.resolve("empty"), "\n");

    ConfigException both =
        rejected(
            Map.of(
                "MDS_DATABASE_URL", "postgresql://mds@db/mds",
                "MDS_DATABASE_PASSWORD", "env-pw",
                "MDS_DATABASE_PASSWORD_FILE", secret.toString()));
    ConfigException embedded =
        rejected(Map.of("MDS_DATABASE_USER", "mds", "MDS_DATABASE_PASSWORD", "env-pw"));
    ConfigException noUser = rejected(Map.of("MDS_DATABASE_URL", "postgresql://db/mds"));
    ConfigException badFiles =
        rejected(
            Map.of(
                "MDS_DATABASE_URL",
                "postgresql://mds@db/mds",
                "MDS_DATABASE_PASSWORD_FILE",
                empty.toString()));

    assertThat(both.problems())
        .extracting(Problem::variable)
        .containsExactly("MDS_DATABASE_PASSWORD_FILE");
    assertThat(embedded.problems())
        .extracting(Problem::variable)
        .containsExactly("MDS_DATABASE_USER", "MDS_DATABASE_PASSWORD");
    assertThat(noUser.problems())
        .extracting(Problem::reason)
        .singleElement()
        .asString()
        .contains("MDS_DATABASE_USER");
    assertThat(badFiles.problems())
        .extracting(Problem::reason)
        .containsExactly("names an empty file");
    for (ConfigException e : List.of(both, embedded)) {
      assertThat(e.getMessage()).doesNotContain("env-pw", "file-pw");
    }
  }

  @Test
  void givenUrlOptionsNeitherClientCouldHonour_orAnUnreadableRootCertificate_configRefusesThem() {
    ConfigException unsupported =
        rejected(Map.of("MDS_DATABASE_URL", "postgresql://mds:hunter2@db/mds?sslcert=/c.pem"));
    ConfigException unreadable =
        rejected(
            Map.of(
                "MDS_DATABASE_URL",
                "postgresql://mds@db/mds?sslmode=verify-full&sslrootcert="
                    + dir.resolve("no.pem")));

    assertThat(unsupported.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.variable()).isEqualTo("MDS_DATABASE_URL");
              assertThat(p.reason()).contains("sslcert", "sslmode, sslrootcert");
            });
    assertThat(unsupported.getMessage()).doesNotContain("hunter2");
    assertThat(unreadable.problems())
        .extracting(Problem::reason)
        .singleElement()
        .asString()
        .contains("cannot be read");
  }

  @Test
  void givenKafkaClientVariables_theyBecomeProperties_inTheKafkaContainerConvention() {
    ServiceConfig config =
        parse(
            withKafka(
                "MDS_KAFKA_CLIENT_SECURITY_PROTOCOL", "SASL_SSL",
                "MDS_KAFKA_CLIENT_SASL_MECHANISM", "SCRAM-SHA-512",
                "MDS_KAFKA_CLIENT_SASL_JAAS_CONFIG", JAAS,
                "MDS_KAFKA_CLIENT_COMPRESSION_TYPE", " "));

    assertThat(config.kafka().clientProperties().asMap())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "security.protocol", "SASL_SSL",
                "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", JAAS));
    assertThat(config.toString())
        .contains("security.protocol=SASL_SSL")
        .doesNotContain("kafka-s3cret");
    assertThat(config.kafka().toString()).doesNotContain("kafka-s3cret");
    assertThat(
            ConfigParser.unknownVariables(
                ConfigSource.of(withKafka("MDS_KAFKA_CLIENT_SASL_MECHANISM", "PLAIN"))))
        .isEmpty();
  }

  @Test
  void propertyNames_mapUnderscoresToDotsUnderscoresAndDashes() {
    assertThat(ConnectionsParser.propertyName("SASL_JAAS_CONFIG")).isEqualTo("sasl.jaas.config");
    assertThat(ConnectionsParser.propertyName("SSL_TRUSTSTORE_LOCATION"))
        .isEqualTo("ssl.truststore.location");
    assertThat(ConnectionsParser.propertyName("A__B___C_D")).isEqualTo("a_b-c.d");
    assertThat(ConnectionsParser.propertyName("A____B")).isNull();
    assertThat(ConnectionsParser.propertyName("_A")).isNull();
    assertThat(ConnectionsParser.propertyName("sasl_mechanism")).isNull();
  }

  @Test
  void givenKafkaPropertiesTheServiceSetsOrNobodyKnows_config_refusesThemSayingWhy() {
    ConfigException e =
        rejected(
            withKafka(
                "MDS_KAFKA_CLIENT_ACKS", "1",
                "MDS_KAFKA_CLIENT_ENABLE_IDEMPOTENCE", "false",
                "MDS_KAFKA_CLIENT_BOOTSTRAP_SERVERS", "other:9092",
                "MDS_KAFKA_CLIENT_SASL_MECHANISMS", "PLAIN",
                "MDS_KAFKA_CLIENT_SECURITY_PROTOCOL", "SASL_TLS"));

    Map<String, String> reasons = new HashMap<>();
    e.problems().forEach(p -> reasons.put(p.variable(), p.reason()));
    assertThat(reasons.get("MDS_KAFKA_CLIENT_ACKS")).contains("(Kafka's acks)", "lost, duplicated");
    assertThat(reasons.get("MDS_KAFKA_CLIENT_ENABLE_IDEMPOTENCE")).contains("lost, duplicated");
    assertThat(reasons.get("MDS_KAFKA_CLIENT_BOOTSTRAP_SERVERS"))
        .contains("use MDS_KAFKA_BOOTSTRAP_SERVERS");
    assertThat(reasons.get("MDS_KAFKA_CLIENT_SASL_MECHANISMS")).contains("not a Kafka");
    assertThat(reasons.get("MDS_KAFKA_CLIENT_SECURITY_PROTOCOL")).contains("SASL_SSL");
    assertThat(reasons).hasSize(5);
  }

  @Test
  void givenKafkaClientVariablesWithoutABroker_orSecretsThatAreBad_refusalsHideTheValues() {
    ConfigException embedded = rejected(Map.of("MDS_KAFKA_CLIENT_SASL_JAAS_CONFIG", JAAS));
    ConfigException badStore =
        rejected(
            withKafka(
                "MDS_KAFKA_CLIENT_SSL_KEYSTORE_LOCATION", dir.resolve("kafka-s3cret").toString()));

    assertThat(embedded.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.variable()).isEqualTo("MDS_KAFKA_CLIENT_SASL_JAAS_CONFIG");
              assertThat(p.reason()).contains("MDS_KAFKA_BOOTSTRAP_SERVERS");
            });
    assertThat(badStore.problems())
        .extracting(Problem::reason)
        .singleElement()
        .asString()
        .contains("readable file");
    for (ConfigException e : List.of(embedded, badStore)) {
      assertThat(e.getMessage()).doesNotContain("kafka-s3cret");
    }
  }
}
