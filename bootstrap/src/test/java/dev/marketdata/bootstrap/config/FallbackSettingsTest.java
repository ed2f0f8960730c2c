package dev.marketdata.bootstrap.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marketdata.bootstrap.config.ConfigException.Problem;
import dev.marketdata.domain.model.ProviderId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** MDS_FALLBACK_PROVIDERS and MDS_BATCH_MAX_SYMBOLS: read, defaulted and checked at startup. */
class FallbackSettingsTest {
  private static ServiceConfig.Prices prices(Map<String, String> env) {
    return ServiceConfig.from(ConfigSource.of(env)).prices();
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
  void givenNothing_fallback_isNoneAndBatchesHoldAHundred() {
    ServiceConfig.Prices prices = prices(Map.of());

    // Not even simulated, although it is enabled: a fallback is only what the operator names.
    assertThat(prices.fallbackProviders()).isEmpty();
    assertThat(prices.batchMaxSymbols()).isEqualTo(100);
  }

  @Test
  void givenAList_fallback_keepsItsOrder() {
    ServiceConfig.Prices prices =
        prices(
            Map.of(
                "MDS_DEFAULT_PROVIDER", "finnhub",
                "MDS_FALLBACK_PROVIDERS", " yahoo , simulated",
                "MDS_BATCH_MAX_SYMBOLS", "25"));

    assertThat(prices.fallbackProviders()).containsExactly(ProviderId.YAHOO, ProviderId.SIMULATED);
    assertThat(prices.batchMaxSymbols()).isEqualTo(25);
  }

  @Test
  void givenAnUnknownProvider_startup_failsNamingTheVariable() {
    assertThat(problems(Map.of("MDS_FALLBACK_PROVIDERS", "yahoo,bloomberg")))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.variable()).isEqualTo("MDS_FALLBACK_PROVIDERS");
              assertThat(p.toString()).contains("bloomberg");
            });
  }

  @Test
  void givenADisabledDuplicateOrDefaultProvider_startup_failsNamingTheVariable() {
    for (Map<String, String> env :
        List.of(
            Map.of("MDS_PROVIDERS", "finnhub,simulated", "MDS_FALLBACK_PROVIDERS", "yahoo"),
            Map.of("MDS_FALLBACK_PROVIDERS", "yahoo,finnhub,yahoo"),
            Map.of("MDS_DEFAULT_PROVIDER", "finnhub", "MDS_FALLBACK_PROVIDERS", "finnhub,yahoo"),
            Map.of("MDS_FALLBACK_PROVIDERS", "yahoo,,finnhub"))) {
      assertThat(problems(env))
          .as(env.toString())
          .extracting(Problem::variable)
          .containsExactly("MDS_FALLBACK_PROVIDERS");
    }
  }

  @Test
  void givenABatchBoundOutOfRange_startup_failsNamingTheVariable() {
    for (String bad : List.of("0", "1001", "many")) {
      assertThat(problems(Map.of("MDS_BATCH_MAX_SYMBOLS", bad)))
          .as(bad)
          .extracting(Problem::variable)
          .containsExactly("MDS_BATCH_MAX_SYMBOLS");
    }
  }
}
