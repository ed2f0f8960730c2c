package dev.marketdata.adapter.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marketdata.domain.failure.InvalidInput;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaClientPropertiesTest {
  private static final String JAAS =
      "org.apache.kafka.common.security.scram.ScramLoginModule required"
          + " username=\"mds\" password=\"s3cret-pw\";";

  @TempDir Path dir;

  @Test
  void givenSecurityProperties_everyClient_getsThem() throws Exception {
    Path truststore = Files.writeString(dir.resolve("truststore.p12"), "not read here");
    KafkaSettings settings =
        KafkaSettings.defaults("broker:9093")
            .withClientProperties(
                KafkaClientProperties.of(
                    Map.of(
                        "security.protocol",
                        "SASL_SSL",
                        "sasl.mechanism",
                        "SCRAM-SHA-512",
                        "sasl.jaas.config",
                        JAAS,
                        "ssl.truststore.location",
                        truststore.toString())));

    for (Map<String, String> config :
        new Map[] {
          settings.producerConfig("publisher"), settings.consumerConfig(), settings.adminConfig()
        }) {
      assertThat(config)
          .containsEntry("security.protocol", "SASL_SSL")
          .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
          .containsEntry("sasl.jaas.config", JAAS)
          .containsEntry("ssl.truststore.location", truststore.toString())
          .containsEntry("bootstrap.servers", "broker:9093");
    }
  }

  @Test
  void givenAPropertyOfOneClientKind_onlyThatKind_getsIt() {
    KafkaSettings settings =
        KafkaSettings.defaults("broker:9092")
            .withClientProperties(
                KafkaClientProperties.of(
                    Map.of("compression.type", "zstd", "fetch.min.bytes", "1024")));

    assertThat(settings.producerConfig("publisher"))
        .containsEntry("compression.type", "zstd")
        .doesNotContainKey("fetch.min.bytes");
    assertThat(settings.consumerConfig())
        .containsEntry("fetch.min.bytes", "1024")
        .doesNotContainKey("compression.type");
    assertThat(settings.adminConfig()).doesNotContainKeys("compression.type", "fetch.min.bytes");
  }

  @Test
  void producerBatches_default_to256KiB_andTheOperatorsValueWins() {
    assertThat(KafkaSettings.defaults("broker:9092").producerConfig("publisher"))
        .containsEntry("batch.size", "262144");
    KafkaClientProperties.check("batch.size", "65536");
    KafkaSettings tuned =
        KafkaSettings.defaults("broker:9092")
            .withClientProperties(KafkaClientProperties.of(Map.of("batch.size", "65536")));

    assertThat(tuned.producerConfig("publisher")).containsEntry("batch.size", "65536");
  }

  @Test
  void givenAPropertyTheServiceSetsForCorrectness_check_refusesItSayingWhy() {
    assertThat(refusal("enable.idempotence", "false")).contains("lost, duplicated or reordered");
    assertThat(refusal("acks", "1")).contains("lost, duplicated or reordered");
    assertThat(refusal("value.serializer", "x.Y")).contains("encodes price events");
    assertThat(refusal("group.id", "other")).contains("offsets are committed");
    assertThat(refusal("enable.auto.commit", "true")).contains("offsets are committed");
    assertThat(refusal("delivery.timeout.ms", "1000")).contains("lease");
    assertThat(refusal("partitioner.class", "x.Y")).contains("per-symbol order");
    assertThat(refusal("bootstrap.servers", "other:9092")).contains("its own setting");
    assertThat(refusal("max.poll.records", "10")).contains("its own setting");
  }

  @Test
  void everyPropertyTheServiceSets_isReserved_soTheListCannotDrift() {
    KafkaSettings settings = KafkaSettings.defaults("broker:9092");
    Stream.of(
            settings.producerConfig("publisher"), settings.consumerConfig(), settings.adminConfig())
        .flatMap(config -> config.keySet().stream())
        .filter(name -> !KafkaSettings.TUNABLE_PRODUCER_DEFAULTS.containsKey(name))
        .forEach(
            name -> assertThat(KafkaClientProperties.reservedReason(name)).as(name).isNotNull());
  }

  @Test
  void givenAMisspeltNameOrABadValue_check_refusesIt() {
    assertThat(refusal("sasl.mechanisms", "PLAIN")).contains("is not a Kafka");
    assertThat(refusal("security.protocol", "SASL_TLS")).contains("SASL_SSL");
    assertThat(refusal("linger.msec", "5")).contains("is not a Kafka");
    assertThat(refusal("ssl.truststore.location", dir.resolve("missing.p12").toString()))
        .contains("readable file");
  }

  @Test
  void givenSecrets_toStringAndRefusals_neverShowThem() {
    KafkaClientProperties properties =
        KafkaClientProperties.of(
            Map.of(
                "security.protocol", "SASL_SSL",
                "sasl.jaas.config", JAAS,
                "ssl.truststore.password", "trust-pw"));
    KafkaSettings settings = KafkaSettings.defaults("broker:9092").withClientProperties(properties);

    assertThat(properties.toString())
        .contains("security.protocol=SASL_SSL", "sasl.jaas.config=***")
        .doesNotContain("s3cret-pw", "trust-pw");
    assertThat(settings.toString()).doesNotContain("s3cret-pw", "trust-pw");
    assertThatThrownBy(
            () ->
                KafkaClientProperties.check(
                    "ssl.keystore.location", dir.resolve("s3cret-pw").toString()))
        .isInstanceOf(InvalidInput.class)
        .hasMessageNotContaining("s3cret-pw");
    assertThat(properties.describeSecurity())
        .isEqualTo("security.protocol=SASL_SSL, sasl.mechanism=GSSAPI");
  }

  private static String refusal(String name, String value) {
    try {
      KafkaClientProperties.check(name, value);
    } catch (InvalidInput e) {
      assertThat(e.field()).isEqualTo(name);
      return e.reason();
    }
    throw new AssertionError(name + "=" + value + " was accepted");
  }
}
