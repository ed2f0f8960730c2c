package dev.marketdata.bootstrap.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceConfigTest {
  @Test
  void givenNoSettings_config_runsEverythingEmbeddedOnPort8080() {
    ServiceConfig config = ServiceConfig.from(ConfigSource.of(Map.of()));

    assertThat(config.httpPort()).isEqualTo(8080);
    assertThat(config.embedded()).isTrue();
    assertThat(config.roles()).containsExactlyInAnyOrder(Role.values());
    assertThat(config.averageWindows()).containsExactly(5);
    assertThat(config.freshness()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.apiKey()).isEmpty();
    assertThat(config.quoteMaxFutureSkew()).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void givenAQuoteSkew_config_readsItInSeconds_withinZeroToADay() {
    assertThat(
            ServiceConfig.from(ConfigSource.of(Map.of("MDS_QUOTE_MAX_FUTURE_SKEW_SECONDS", "0")))
                .quoteMaxFutureSkew())
        .isZero();
    assertThat(
            ServiceConfig.from(ConfigSource.of(Map.of("MDS_QUOTE_MAX_FUTURE_SKEW_SECONDS", "90")))
                .withHttpPort(1)
                .quoteMaxFutureSkew())
        .isEqualTo(Duration.ofSeconds(90));
    for (String bad : new String[] {"-1", "86401", "5m"}) {
      assertThatThrownBy(
              () ->
                  ServiceConfig.from(
                      ConfigSource.of(Map.of("MDS_QUOTE_MAX_FUTURE_SKEW_SECONDS", bad))))
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("MDS_QUOTE_MAX_FUTURE_SKEW_SECONDS");
    }
  }

  @Test
  void theMemoryBounds_haveDefaults_andRefuseNonsenseNamingTheVariable() {
    ServiceConfig defaults = ServiceConfig.from(ConfigSource.of(Map.of()));
    assertThat(defaults.ingestQueueLimit()).isEqualTo(10_000);
    assertThat(defaults.ingestQueueMaxWait()).isEqualTo(Duration.ofSeconds(5));
    assertThat(defaults.latestCacheMaxEntries()).isEqualTo(100_000);

    ServiceConfig set =
        ServiceConfig.from(
            ConfigSource.of(
                Map.of(
                    "MDS_INGEST_QUEUE_LIMIT", "50",
                    "MDS_INGEST_QUEUE_MAX_WAIT_MILLIS", "750",
                    "MDS_LATEST_CACHE_MAX_ENTRIES", "1000")));
    assertThat(set.ingestQueueLimit()).isEqualTo(50);
    assertThat(set.ingestQueueMaxWait()).isEqualTo(Duration.ofMillis(750));
    assertThat(set.latestCacheMaxEntries()).isEqualTo(1000);

    for (String name :
        new String[] {
          "MDS_INGEST_QUEUE_LIMIT",
          "MDS_INGEST_QUEUE_MAX_WAIT_MILLIS",
          "MDS_LATEST_CACHE_MAX_ENTRIES"
        }) {
      assertThatThrownBy(() -> ServiceConfig.from(ConfigSource.of(Map.of(name, "0"))))
          .hasMessageContaining(name);
    }
  }

  @Test
  void givenExternalServers_config_isNotEmbedded() {
    ServiceConfig config =
        ServiceConfig.from(
            ConfigSource.of(
                Map.of(
                    "MDS_DATABASE_URL", "postgresql://postgres@db:5432/mds",
                    "MDS_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092",
                    "MDS_ROLES", "consumer")));

    assertThat(config.embedded()).isFalse();
    assertThat(config.embeddedDatabase()).isFalse();
    assertThat(config.embeddedKafka()).isFalse();
    assertThat(config.roles()).containsExactly(Role.CONSUMER);
  }

  @Test
  void givenBadValues_config_failsNamingTheSetting() {
    assertThatThrownBy(() -> ServiceConfig.from(ConfigSource.of(Map.of("MDS_HTTP_PORT", "http"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("MDS_HTTP_PORT")
        .hasMessageContaining("http");
    assertThatThrownBy(() -> ServiceConfig.from(ConfigSource.of(Map.of("MDS_ROLES", "api,web"))))
        .hasMessageContaining("MDS_ROLES");
    assertThatThrownBy(() -> ServiceConfig.from(ConfigSource.of(Map.of("MDS_MA_WINDOWS", "5,0"))))
        .hasMessageContaining("MDS_MA_WINDOWS");
  }

  @Test
  void givenAPropertiesFile_environmentStillWins(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("mds.properties");
    Files.writeString(file, "MDS_HTTP_PORT=9090\nMDS_MA_WINDOWS=5,20\n");

    ServiceConfig config =
        ServiceConfig.from(
            ConfigSource.fromEnvironment(
                Map.of("MDS_CONFIG_FILE", file.toString(), "MDS_HTTP_PORT", "9191")));

    assertThat(config.httpPort()).isEqualTo(9191);
    assertThat(config.averageWindows()).containsExactly(5, 20);
  }

  @Test
  void toString_neverShowsSecrets() {
    ServiceConfig config =
        ServiceConfig.from(
            ConfigSource.of(
                Map.of(
                    "MDS_API_KEY", "s3cret-api",
                    "MDS_DATABASE_URL", "postgresql://mds:db-pass@db:5432/mds",
                    "FINNHUB_API_KEY", "finnhub-s3cret")));

    assertThat(config.toString())
        .doesNotContain("s3cret-api")
        .doesNotContain("db-pass")
        .doesNotContain("finnhub-s3cret")
        .contains("apiKey=set");
  }
}
