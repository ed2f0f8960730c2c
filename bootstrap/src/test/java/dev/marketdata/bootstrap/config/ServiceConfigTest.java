package dev.marketdata.bootstrap.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marketdata.bootstrap.config.ConfigException.Problem;
import dev.marketdata.domain.model.RetentionPolicy;
import dev.marketdata.domain.quality.QualityRules;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceConfigTest {
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

  @Test
  void givenNoSettings_config_runsEverythingEmbeddedOnPort8080() {
    ServiceConfig config = parse(Map.of());

    assertThat(config.http().port()).isEqualTo(8080);
    assertThat(config.embedded()).isTrue();
    assertThat(config.instance().roles()).containsExactlyInAnyOrder(Role.values());
    assertThat(config.consumer().averageWindows()).containsExactly(5);
    assertThat(config.prices().freshness()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.http().apiKey()).isEmpty();
    assertThat(config.prices().quoteMaxFutureSkew()).isEqualTo(Duration.ofMinutes(5));
    assertThat(config.relay().batchSize()).isEqualTo(2000);
    assertThat(config.relay().pollInterval()).isEqualTo(Duration.ofMillis(50));
    assertThat(config.relay().idleMax()).isEqualTo(Duration.ofMillis(500));
    assertThat(config.relay().lease()).isEqualTo(Duration.ofSeconds(15));
    assertThat(config.poll().lease()).isEqualTo(Duration.ofSeconds(60));
    assertThat(config.consumer().maxPollRecords()).isEqualTo(2000);
    assertThat(config.logging().format()).isEqualTo(ServiceConfig.Logging.Format.TEXT);
    assertThat(config.logging().level()).isEqualTo("INFO");
  }

  @Test
  void givenDefaultProviderSettings_latestFetchLease_outlastsTheSlowestFetchAndItsStoring() {
    // 3 attempts × 10 s call timeout + 2 pauses of at most 2 s + 5 s to be stored + 5 s.
    assertThat(parse(Map.of()).latestFetchLease()).isEqualTo(Duration.ofSeconds(44));
  }

  @Test
  void givenShorterProviderSettings_latestFetchLease_followsThem() {
    ServiceConfig config =
        parse(
            Map.of(
                "MDS_PROVIDER_CALL_TIMEOUT_MS", "2000",
                "MDS_PROVIDER_RETRY_ATTEMPTS", "2",
                "MDS_PROVIDER_RETRY_MAX_DELAY_MS", "500",
                "MDS_INGEST_QUEUE_MAX_WAIT_MILLIS", "1000"));

    assertThat(config.latestFetchLease())
        .isEqualTo(Duration.ofMillis(2 * 2000 + 500 + 1000 + 5000));
  }

  @Test
  void givenAQuoteSkew_config_readsItInSeconds_withinZeroToADay() {
    assertThat(
            parse(Map.of("MDS_QUOTE_MAX_FUTURE_SKEW_SECONDS", "0")).prices().quoteMaxFutureSkew())
        .isZero();
    ServiceConfig ninety = parse(Map.of("MDS_QUOTE_MAX_FUTURE_SKEW_SECONDS", "90"));
    assertThat(ninety.withHttpPort(1).prices().quoteMaxFutureSkew())
        .isEqualTo(Duration.ofSeconds(90));
    assertThat(ninety.providers().finnhub().quoteTimes().maxFutureSkew())
        .isEqualTo(Duration.ofSeconds(90));
    for (String bad : new String[] {"-1", "86401", "5m"}) {
      assertThatThrownBy(() -> parse(Map.of("MDS_QUOTE_MAX_FUTURE_SKEW_SECONDS", bad)))
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("MDS_QUOTE_MAX_FUTURE_SKEW_SECONDS");
    }
  }

  @Test
  void theDataQualitySettings_default_andAreRead() {
    QualityRules defaults = parse(Map.of()).quality();
    assertThat(defaults.staleAfter()).isEqualTo(Duration.ofMinutes(15));
    assertThat(defaults.outlierPercent()).isEqualByComparingTo("20");
    assertThat(defaults.outlierWindow()).isEqualTo(Duration.ofHours(1));
    assertThat(defaults.includeSuspect()).isFalse();

    QualityRules set =
        parse(
                Map.of(
                    "MDS_STALE_AFTER", "60s",
                    "MDS_OUTLIER_PERCENT", "7.5",
                    "MDS_OUTLIER_WINDOW", "0s",
                    "MDS_INCLUDE_SUSPECT", "TRUE"))
            .withHttpPort(1)
            .quality();
    assertThat(set.staleAfter()).isEqualTo(Duration.ofMinutes(1));
    assertThat(set.outlierPercent()).isEqualByComparingTo("7.5");
    assertThat(set.outlierWindow()).isZero();
    assertThat(set.includeSuspect()).isTrue();
  }

  @Test
  void givenDataQualityDurationsInOtherUnits_config_readsThem() {
    QualityRules set =
        parse(Map.of("MDS_STALE_AFTER", "PT30M", "MDS_OUTLIER_WINDOW", "2h"))
            .withHttpPort(1)
            .quality();
    assertThat(set.staleAfter()).isEqualTo(Duration.ofMinutes(30));
    assertThat(set.outlierWindow()).isEqualTo(Duration.ofHours(2));
    assertThat(parse(Map.of("MDS_STALE_AFTER", "90S")).quality().staleAfter())
        .isEqualTo(Duration.ofSeconds(90));
  }

  @Test
  void givenBadDataQualitySettings_config_failsNamingEach() {
    for (Map.Entry<String, String> bad :
        Map.of(
                "MDS_STALE_AFTER", "0s",
                "MDS_OUTLIER_PERCENT", "-5",
                "MDS_OUTLIER_WINDOW", "3600",
                "MDS_INCLUDE_SUSPECT", "yes")
            .entrySet()) {
      assertThatThrownBy(() -> parse(Map.of(bad.getKey(), bad.getValue())))
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining(bad.getKey())
          .hasMessageContaining(bad.getValue());
    }
  }

  @Test
  void theMarketTimeZone_defaultsToNewYork_andMustBeAnIanaZone() {
    assertThat(parse(Map.of()).prices().marketTimeZone().zone())
        .isEqualTo(ZoneId.of("America/New_York"));
    assertThat(
            parse(Map.of("MDS_MARKET_TIME_ZONE", "Europe/London")).prices().marketTimeZone().zone())
        .isEqualTo(ZoneId.of("Europe/London"));
    for (String bad : new String[] {"-05:00", "EST5EDT+1", "Mars/Olympus", "america/new_york"}) {
      assertThatThrownBy(() -> parse(Map.of("MDS_MARKET_TIME_ZONE", bad)))
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("MDS_MARKET_TIME_ZONE");
    }
  }

  @Test
  void theRetentions_defaultToAMonthAYearAndAnHour_zeroKeepsForever_andNonsenseIsRefused() {
    ServiceConfig defaults = parse(Map.of());
    assertThat(defaults.retention().rawResponses()).contains(Duration.ofDays(30));
    assertThat(defaults.retention().pricePoints()).contains(Duration.ofDays(365));
    assertThat(defaults.retention().publishedEvents()).contains(Duration.ofHours(1));

    ServiceConfig forever =
        parse(
            Map.of(
                "MDS_RETENTION_RAW_DAYS", "0",
                "MDS_RETENTION_PRICES_DAYS", "0",
                "MDS_RETENTION_OUTBOX_HOURS", "0"));
    assertThat(forever.withHttpPort(1).retention()).isEqualTo(RetentionPolicy.KEEP_FOREVER);
    assertThat(parse(Map.of("MDS_RETENTION_PRICES_DAYS", "7")).retention().pricePoints())
        .contains(Duration.ofDays(7));

    ConfigException e =
        rejected(
            Map.of(
                "MDS_RETENTION_RAW_DAYS", "-1",
                "MDS_RETENTION_PRICES_DAYS", "1y",
                "MDS_RETENTION_OUTBOX_HOURS", "876001"));
    assertThat(e.problems())
        .extracting(Problem::variable)
        .containsExactlyInAnyOrder(
            "MDS_RETENTION_RAW_DAYS", "MDS_RETENTION_PRICES_DAYS", "MDS_RETENTION_OUTBOX_HOURS");
  }

  @Test
  void theStreamSettings_haveTheirDefaults_andAResumeWindowMayNotOutliveTheOutbox() {
    ServiceConfig.Stream defaults = parse(Map.of()).stream();
    assertThat(defaults.maxSymbols()).isEqualTo(100);
    assertThat(defaults.maxConnections()).isEqualTo(20_000);
    assertThat(defaults.maxConnectionsPerClient()).isEqualTo(50);
    assertThat(defaults.ping()).isEqualTo(Duration.ofSeconds(15));
    assertThat(defaults.idle()).isEqualTo(Duration.ofSeconds(60));
    assertThat(defaults.maxBehind()).isEqualTo(Duration.ofSeconds(30));
    assertThat(defaults.resumeWindow()).isEqualTo(Duration.ofMinutes(15));
    assertThat(
            parse(Map.of("MDS_STREAM_RESUME_MINUTES", "600", "MDS_RETENTION_OUTBOX_HOURS", "0"))
                .stream()
                .resumeWindow())
        .as("outbox kept forever")
        .isEqualTo(Duration.ofHours(10));

    assertThat(rejected(Map.of("MDS_STREAM_RESUME_MINUTES", "61")).problems())
        .extracting(Problem::variable, Problem::reason)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.toList().get(0)).isEqualTo("MDS_STREAM_RESUME_MINUTES");
              assertThat((String) p.toList().get(1)).contains("MDS_RETENTION_OUTBOX_HOURS");
            });
    assertThat(
            rejected(
                    Map.of(
                        "MDS_STREAM_RESUME_MINUTES", "4",
                        "MDS_STREAM_MAX_SYMBOLS", "0",
                        "MDS_STREAM_PING_SECONDS", "90"))
                .problems())
        .extracting(Problem::variable)
        .containsExactlyInAnyOrder(
            "MDS_STREAM_RESUME_MINUTES", "MDS_STREAM_MAX_SYMBOLS", "MDS_STREAM_IDLE_SECONDS");
  }

  @Test
  void theRelayIdleMaximum_mayEqualThePollInterval_butNotFallBelowIt() {
    assertThat(
            parse(Map.of("MDS_RELAY_POLL_MILLIS", "200", "MDS_RELAY_IDLE_MAX_MILLIS", "200"))
                .relay()
                .idleMax())
        .as("equal: no backoff")
        .isEqualTo(Duration.ofMillis(200));

    assertThat(
            rejected(Map.of("MDS_RELAY_POLL_MILLIS", "200", "MDS_RELAY_IDLE_MAX_MILLIS", "199"))
                .problems())
        .extracting(Problem::variable, Problem::reason)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.toList().get(0)).isEqualTo("MDS_RELAY_IDLE_MAX_MILLIS");
              assertThat((String) p.toList().get(1)).contains("MDS_RELAY_POLL_MILLIS");
            });
  }

  @Test
  void theMemoryBounds_haveDefaults_andRefuseNonsenseNamingTheVariable() {
    ServiceConfig defaults = parse(Map.of());
    assertThat(defaults.prices().ingestQueueLimit()).isEqualTo(10_000);
    assertThat(defaults.prices().ingestQueueMaxWait()).isEqualTo(Duration.ofSeconds(5));
    assertThat(defaults.prices().latestCacheMaxEntries()).isEqualTo(100_000);

    ServiceConfig set =
        parse(
            Map.of(
                "MDS_INGEST_QUEUE_LIMIT", "50",
                "MDS_INGEST_QUEUE_MAX_WAIT_MILLIS", "750",
                "MDS_LATEST_CACHE_MAX_ENTRIES", "1000"));
    assertThat(set.prices().ingestQueueLimit()).isEqualTo(50);
    assertThat(set.prices().ingestQueueMaxWait()).isEqualTo(Duration.ofMillis(750));
    assertThat(set.prices().latestCacheMaxEntries()).isEqualTo(1000);

    for (String name :
        new String[] {
          "MDS_INGEST_QUEUE_LIMIT",
          "MDS_INGEST_QUEUE_MAX_WAIT_MILLIS",
          "MDS_LATEST_CACHE_MAX_ENTRIES"
        }) {
      assertThatThrownBy(() -> parse(Map.of(name, "0"))).hasMessageContaining(name);
    }
  }

  @Test
  void givenExternalServers_config_isNotEmbedded() {
    ServiceConfig config =
        parse(
            Map.of(
                "MDS_DATABASE_URL", "postgresql://postgres@db:5432/mds",
                "MDS_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092",
                "MDS_ROLES", "consumer"));

    assertThat(config.embedded()).isFalse();
    assertThat(config.database().embedded()).isFalse();
    assertThat(config.kafka().embedded()).isFalse();
    assertThat(config.instance().roles()).containsExactly(Role.CONSUMER);
  }

  @Test
  void givenBadValues_config_failsNamingTheSetting() {
    assertThatThrownBy(() -> parse(Map.of("MDS_HTTP_PORT", "http")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("MDS_HTTP_PORT")
        .hasMessageContaining("http");
    assertThatThrownBy(() -> parse(Map.of("MDS_ROLES", "api,web")))
        .hasMessageContaining("MDS_ROLES");
    assertThatThrownBy(() -> parse(Map.of("MDS_MA_WINDOWS", "5,0")))
        .hasMessageContaining("MDS_MA_WINDOWS");
    assertThatThrownBy(() -> parse(Map.of("MDS_LOG_FORMAT", "xml")))
        .hasMessageContaining("MDS_LOG_FORMAT");
    assertThatThrownBy(() -> parse(Map.of("MDS_LOG_LEVEL", "LOUD")))
        .hasMessageContaining("MDS_LOG_LEVEL");
  }

  @Test
  void trustedProxiesAndCorsOrigins_defaultToNone_andAreRead() {
    ServiceConfig none = parse(Map.of());
    assertThat(none.http().trustedProxies().isEmpty()).isTrue();
    assertThat(none.http().corsOrigins()).isEmpty();

    ServiceConfig set =
        parse(
            Map.of(
                "MDS_TRUSTED_PROXIES", "10.0.0.0/8, 192.168.0.0/16,::1/128",
                "MDS_CORS_ORIGINS", "https://app.example.com,http://localhost:3000"));
    assertThat(set.http().trustedProxies().isEmpty()).isFalse();
    assertThat(set.http().corsOrigins())
        .containsExactly("https://app.example.com", "http://localhost:3000");
    assertThat(set.withHttpPort(1).http().corsOrigins()).isEqualTo(set.http().corsOrigins());
  }

  @Test
  void givenABadCidrOrOrigin_config_failsNamingTheVariable() {
    for (String cidr : new String[] {"10.0.0.0/33", "example.com", "10.0.0.0/8,,::1", "::/200"}) {
      ConfigException e = rejected(Map.of("MDS_TRUSTED_PROXIES", cidr));
      assertThat(e.problems())
          .as(cidr)
          .extracting(Problem::variable)
          .containsExactly("MDS_TRUSTED_PROXIES");
      assertThat(e.getMessage()).contains("MDS_TRUSTED_PROXIES").contains(cidr);
    }
    for (String origin :
        new String[] {"app.example.com", "https://app.example.com/", "*,https://a.example"}) {
      ConfigException e = rejected(Map.of("MDS_CORS_ORIGINS", origin));
      assertThat(e.problems())
          .as(origin)
          .extracting(Problem::variable)
          .containsExactly("MDS_CORS_ORIGINS");
    }
  }

  @Test
  void givenABadRelayBatchSize_config_failsNamingIt_ratherThanTheGraphOnceStarted() {
    assertThat(rejected(Map.of("MDS_RELAY_BATCH_SIZE", "abc")).problems())
        .containsExactly(new Problem("MDS_RELAY_BATCH_SIZE", "abc", "must be a whole number"));
    assertThat(rejected(Map.of("MDS_RELAY_BATCH_SIZE", "0")).problems())
        .extracting(Problem::variable)
        .containsExactly("MDS_RELAY_BATCH_SIZE");
  }

  @Test
  void givenNoBackpressureSettings_config_holdsPollingAt50000EventsUntilHalfOfThat() {
    assertThat(parse(Map.of()).poll().backpressure())
        .isEqualTo(new ServiceConfig.Poll.Backpressure(50_000, 25_000, Duration.ofMillis(500)));
    assertThat(parse(Map.of("MDS_POLL_BACKPRESSURE_HIGH", "1000")).poll().backpressure().low())
        .as("the low mark follows a high mark set alone")
        .isEqualTo(500);
    assertThat(parse(Map.of("MDS_POLL_BACKPRESSURE_HIGH", "0")).poll().backpressure().high())
        .as("0 turns it off")
        .isZero();
  }

  @Test
  void givenALowMarkNotBelowTheHighMark_orANegativeOne_config_failsNamingIt() {
    assertThat(
            rejected(
                    Map.of(
                        "MDS_POLL_BACKPRESSURE_HIGH", "1000", "MDS_POLL_BACKPRESSURE_LOW", "1000"))
                .problems())
        .containsExactly(
            new Problem(
                "MDS_POLL_BACKPRESSURE_LOW",
                "1000",
                "must be below MDS_POLL_BACKPRESSURE_HIGH (1000)"));
    assertThat(rejected(Map.of("MDS_POLL_BACKPRESSURE_HIGH", "-1")).problems())
        .extracting(Problem::variable)
        .containsExactly("MDS_POLL_BACKPRESSURE_HIGH");
    assertThat(rejected(Map.of("MDS_POLL_BACKPRESSURE_LOW", "-5")).problems())
        .extracting(Problem::variable)
        .containsExactly("MDS_POLL_BACKPRESSURE_LOW");
  }

  @Test
  void givenAPoolLargerThanThePoolAccepts_config_failsNamingIt() {
    assertThat(rejected(Map.of("MDS_DATABASE_POOL_SIZE", "250")).problems())
        .extracting(Problem::variable)
        .containsExactly("MDS_DATABASE_POOL_SIZE");
  }

  @Test
  void givenABadDatabaseUrl_config_failsNamingIt_withoutThePassword() {
    ConfigException e = rejected(Map.of("MDS_DATABASE_URL", "postgresql://mds:hunter2@db:x/mds"));

    assertThat(e.problems()).extracting(Problem::variable).containsExactly("MDS_DATABASE_URL");
    assertThat(e.getMessage()).doesNotContain("hunter2").contains("mds:***@");
  }

  @Test
  void givenBlank_aSettingWithADefault_isRejected_butAnOptionalOneIsUnset() {
    assertThat(rejected(Map.of("MDS_HTTP_PORT", " ")).problems())
        .extracting(Problem::variable)
        .containsExactly("MDS_HTTP_PORT");

    ServiceConfig config =
        parse(Map.of("MDS_API_KEY", "", "FINNHUB_API_KEY", "  ", "MDS_DATABASE_URL", ""));
    assertThat(config.http().apiKey()).isEmpty();
    assertThat(config.providers().finnhub().apiKey()).isEmpty();
    assertThat(config.database().embedded()).isTrue();
  }

  @Test
  void givenSeveralBadSettings_config_reportsEveryOneAtOnce() {
    ConfigException e =
        rejected(
            Map.of(
                "MDS_RELAY_BATCH_SIZE", "abc",
                "MDS_FINNHUB_LIMITS", "",
                "MDS_HTTP_PORT", "99999"));

    assertThat(e.problems())
        .extracting(Problem::variable)
        .containsExactlyInAnyOrder("MDS_RELAY_BATCH_SIZE", "MDS_FINNHUB_LIMITS", "MDS_HTTP_PORT");
  }

  @Test
  void givenAPropertiesFile_environmentStillWins(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("mds.properties");
    Files.writeString(file, "MDS_HTTP_PORT=9090\nMDS_MA_WINDOWS=5,20\n");

    ServiceConfig config =
        ServiceConfig.from(
            ConfigSource.fromEnvironment(
                Map.of("MDS_CONFIG_FILE", file.toString(), "MDS_HTTP_PORT", "9191")));

    assertThat(config.http().port()).isEqualTo(9191);
    assertThat(config.consumer().averageWindows()).containsExactly(5, 20);
  }

  @Test
  void givenAMissingPropertiesFile_source_failsNamingMdsConfigFile(@TempDir Path dir) {
    assertThatThrownBy(
            () ->
                ConfigSource.fromEnvironment(
                    Map.of("MDS_CONFIG_FILE", dir.resolve("absent.properties").toString())))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("MDS_CONFIG_FILE");
  }

  @Test
  void unknownVariables_areTheMdsOnesNothingReads() {
    ConfigSource source =
        ConfigSource.of(
            Map.of(
                "MDS_RELAY_BATCH_SZE", "10",
                "MDS_HTTP_PORT", "1",
                "MDS_TEST_DATABASE_URL", "x",
                "PATH", "/bin"));

    assertThat(ConfigParser.unknownVariables(source)).containsExactly("MDS_RELAY_BATCH_SZE");
  }

  @Test
  void toString_neverShowsSecrets() {
    ServiceConfig config =
        parse(
            Map.of(
                "MDS_API_KEY", "s3cret-api",
                "MDS_DATABASE_URL", "postgresql://mds:db-pass@db:5432/mds",
                "FINNHUB_API_KEY", "finnhub-s3cret"));

    assertThat(config.toString())
        .doesNotContain("s3cret-api")
        .doesNotContain("db-pass")
        .doesNotContain("finnhub-s3cret")
        .contains("apiKey=set");
    assertThat(config.http().toString()).doesNotContain("s3cret-api");
    assertThat(config.database().toString()).doesNotContain("db-pass");
    assertThat(config.providers().toString()).doesNotContain("finnhub-s3cret");
  }
}
