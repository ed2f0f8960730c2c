package dev.marketdata.bootstrap.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marketdata.adapter.provider.ProvidersConfig;
import dev.marketdata.adapter.provider.RetryPolicy;
import dev.marketdata.adapter.provider.SimulationConfig;
import dev.marketdata.adapter.provider.Timeouts;
import dev.marketdata.bootstrap.config.ConfigException.Problem;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.RateLimit;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The providers' part of the configuration (it used to have a parser of its own). */
class ProvidersSettingsTest {
  private static ProvidersConfig providers(Map<String, String> env) {
    return ServiceConfig.from(ConfigSource.of(env)).providers();
  }

  private static List<Problem> problems(Map<String, String> env) {
    try {
      ServiceConfig.from(ConfigSource.of(env));
    } catch (ConfigException e) {
      return e.problems();
    }
    throw new AssertionError("accepted " + env);
  }

  @Test
  void givenNothing_providers_areAllEnabledWithSimulatedDefaultAndFreeTierBudgets() {
    ProvidersConfig config = providers(Map.of());

    assertThat(config.enabled())
        .containsExactly(
            ProviderId.SIMULATED, ProviderId.FINNHUB, ProviderId.ALPHA_VANTAGE, ProviderId.YAHOO);
    assertThat(config.defaultProvider()).isEqualTo(ProviderId.SIMULATED);
    assertThat(config.alphaVantage().limits())
        .containsExactly(RateLimit.perMinute(5), RateLimit.perDay(25), RateLimit.perSecond(1));
    assertThat(config.finnhub().limits())
        .containsExactly(RateLimit.perMinute(60), RateLimit.perSecond(30));
    assertThat(config.yahoo().limits()).isNotEmpty();
    assertThat(config.simulated().limits()).isEmpty();
    assertThat(config.alphaVantage().apiKey()).isEmpty();
    assertThat(config.alphaVantage().baseUrl().toString())
        .isEqualTo("https://www.alphavantage.co/");
    assertThat(config.finnhub().retry()).isEqualTo(RetryPolicy.DEFAULT);
  }

  @Test
  void givenEverySetting_providers_readEachOne() {
    ProvidersConfig config =
        providers(
            Map.ofEntries(
                Map.entry("MDS_PROVIDERS", " finnhub , yahoo "),
                Map.entry("MDS_DEFAULT_PROVIDER", "yahoo"),
                Map.entry("ALPHA_VANTAGE_API_KEY", "av-key"),
                Map.entry("FINNHUB_API_KEY", " fh-key "),
                Map.entry("MDS_FINNHUB_BASE_URL", "http://127.0.0.1:9999/"),
                Map.entry("MDS_FINNHUB_LIMITS", "10/min,2/s"),
                Map.entry("MDS_YAHOO_LIMITS", "none"),
                Map.entry("MDS_PROVIDER_CONNECT_TIMEOUT_MS", "100"),
                Map.entry("MDS_PROVIDER_READ_TIMEOUT_MS", "200"),
                Map.entry("MDS_PROVIDER_CALL_TIMEOUT_MS", "300"),
                Map.entry("MDS_PROVIDER_RETRY_ATTEMPTS", "5"),
                Map.entry("MDS_PROVIDER_RETRY_BASE_DELAY_MS", "10"),
                Map.entry("MDS_PROVIDER_RETRY_MAX_DELAY_MS", "50"),
                Map.entry("MDS_SIMULATED_SEED", "99"),
                Map.entry("MDS_SIMULATED_DRIFT", "0.1"),
                Map.entry("MDS_SIMULATED_VOLATILITY", "0.5")));

    assertThat(config.enabled()).containsExactly(ProviderId.FINNHUB, ProviderId.YAHOO);
    assertThat(config.defaultProvider()).isEqualTo(ProviderId.YAHOO);
    assertThat(config.alphaVantage().apiKey()).contains("av-key");
    assertThat(config.finnhub().apiKey()).contains("fh-key");
    assertThat(config.finnhub().baseUrl().port()).isEqualTo(9999);
    assertThat(config.finnhub().limits())
        .containsExactly(RateLimit.perMinute(10), RateLimit.perSecond(2));
    assertThat(config.yahoo().limits()).isEmpty();
    assertThat(config.finnhub().timeouts())
        .isEqualTo(
            new Timeouts(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(300)));
    assertThat(config.finnhub().retry())
        .isEqualTo(new RetryPolicy(5, Duration.ofMillis(10), Duration.ofMillis(50)));
    assertThat(config.simulated()).isEqualTo(new SimulationConfig(99, 0.1, 0.5, List.of()));
  }

  @Test
  void givenBlankLimits_providers_areRejected_notSilentlyUnlimited() {
    assertThat(problems(Map.of("MDS_FINNHUB_LIMITS", "")))
        .extracting(Problem::variable)
        .containsExactly("MDS_FINNHUB_LIMITS");
    assertThat(providers(Map.of("MDS_FINNHUB_LIMITS", "NONE")).finnhub().limits()).isEmpty();
  }

  @Test
  void givenMalformedLimits_providers_failNamingTheVariable() {
    for (String bad : new String[] {"5/fortnight", "5", "x/min", "0/min", "5/min,", "5/min/2"}) {
      assertThat(problems(Map.of("MDS_ALPHA_VANTAGE_LIMITS", bad)))
          .as(bad)
          .singleElement()
          .satisfies(
              p -> {
                assertThat(p.variable()).isEqualTo("MDS_ALPHA_VANTAGE_LIMITS");
                assertThat(p.value()).isEqualTo(bad);
              });
    }
  }

  @Test
  void givenUnknownOrDisabledProviders_providers_failNamingTheVariable() {
    assertThat(problems(Map.of("MDS_PROVIDERS", "bloomberg")))
        .extracting(Problem::variable)
        .containsExactly("MDS_PROVIDERS");
    assertThat(problems(Map.of("MDS_PROVIDERS", "finnhub", "MDS_DEFAULT_PROVIDER", "simulated")))
        .extracting(Problem::variable)
        .containsExactly("MDS_DEFAULT_PROVIDER");
  }

  @Test
  void givenBadNumbersOrUrls_providers_failNamingTheVariable() {
    assertThat(
            problems(
                Map.of(
                    "MDS_PROVIDER_READ_TIMEOUT_MS", "soon",
                    "MDS_YAHOO_BASE_URL", "ftp:x",
                    "MDS_PROVIDER_RETRY_ATTEMPTS", "11",
                    "MDS_SIMULATED_VOLATILITY", "-1",
                    "MDS_PROVIDER_RETRY_BASE_DELAY_MS", "500",
                    "MDS_PROVIDER_RETRY_MAX_DELAY_MS", "100")))
        .extracting(Problem::variable)
        .containsExactlyInAnyOrder(
            "MDS_PROVIDER_READ_TIMEOUT_MS",
            "MDS_YAHOO_BASE_URL",
            "MDS_PROVIDER_RETRY_ATTEMPTS",
            "MDS_SIMULATED_VOLATILITY",
            "MDS_PROVIDER_RETRY_MAX_DELAY_MS");
  }

  @Test
  void givenNoSimulatedEnabled_theDefault_isTheFirstEnabled() {
    assertThat(providers(Map.of("MDS_PROVIDERS", "yahoo,finnhub")).defaultProvider())
        .isEqualTo(ProviderId.YAHOO);
  }

  @Test
  void givenABlankKey_theProvider_hasNone() {
    assertThat(providers(Map.of("FINNHUB_API_KEY", "  ")).finnhub().apiKey()).isEmpty();
  }
}
