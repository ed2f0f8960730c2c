package dev.marketdata.adapter.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marketdata.domain.failure.InvalidInput;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.RateLimit;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProvidersConfigFactoryTest {
  @Test
  void givenEmptyEnvironment_fromEnv_enablesAllWithSimulatedDefaultAndFreeTierBudgets() {
    ProvidersConfig config = ProvidersConfigFactory.fromEnv(Map.of());

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
  void givenFullEnvironment_fromEnv_readsEveryVariable() {
    ProvidersConfig config =
        ProvidersConfigFactory.fromEnv(
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
  void givenKeys_toString_neverShowsThem() {
    ProvidersConfig config =
        ProvidersConfigFactory.fromEnv(
            Map.of("ALPHA_VANTAGE_API_KEY", "av-secret", "FINNHUB_API_KEY", "fh-secret"));

    assertThat(config.toString()).doesNotContain("av-secret").doesNotContain("fh-secret");
  }

  @Test
  void givenBlankKey_fromEnv_treatsItAsMissing() {
    assertThat(ProvidersConfigFactory.fromEnv(Map.of("FINNHUB_API_KEY", "  ")).finnhub().apiKey())
        .isEqualTo(Optional.empty());
  }

  @Test
  void givenUnknownProvider_fromEnv_failsNamingTheVariable() {
    assertThatThrownBy(() -> ProvidersConfigFactory.fromEnv(Map.of("MDS_PROVIDERS", "bloomberg")))
        .isInstanceOfSatisfying(
            InvalidInput.class,
            e -> {
              assertThat(e.field()).isEqualTo("providers");
              assertThat(e.rejectedValue()).isEqualTo("bloomberg");
            });
  }

  @Test
  void givenDefaultNotEnabled_fromEnv_failsNamingDefaultProvider() {
    assertThatThrownBy(
            () ->
                ProvidersConfigFactory.fromEnv(
                    Map.of("MDS_PROVIDERS", "finnhub", "MDS_DEFAULT_PROVIDER", "simulated")))
        .isInstanceOfSatisfying(
            InvalidInput.class, e -> assertThat(e.field()).isEqualTo("defaultProvider"));
  }

  @Test
  void givenBadValues_fromEnv_failsNamingTheVariable() {
    assertThatThrownBy(
            () -> ProvidersConfigFactory.fromEnv(Map.of("MDS_ALPHA_VANTAGE_LIMITS", "5/fortnight")))
        .isInstanceOfSatisfying(
            InvalidInput.class, e -> assertThat(e.field()).isEqualTo("MDS_ALPHA_VANTAGE_LIMITS"));
    assertThatThrownBy(
            () -> ProvidersConfigFactory.fromEnv(Map.of("MDS_PROVIDER_READ_TIMEOUT_MS", "soon")))
        .isInstanceOfSatisfying(
            InvalidInput.class,
            e -> assertThat(e.field()).isEqualTo("MDS_PROVIDER_READ_TIMEOUT_MS"));
    assertThatThrownBy(() -> ProvidersConfigFactory.fromEnv(Map.of("MDS_YAHOO_BASE_URL", "ftp:x")))
        .isInstanceOfSatisfying(
            InvalidInput.class, e -> assertThat(e.field()).isEqualTo("MDS_YAHOO_BASE_URL"));
  }

  @Test
  void givenNoSimulatedEnabled_fromEnv_defaultsToTheFirstEnabled() {
    assertThat(
            ProvidersConfigFactory.fromEnv(Map.of("MDS_PROVIDERS", "yahoo,finnhub"))
                .defaultProvider())
        .isEqualTo(ProviderId.YAHOO);
  }
}
