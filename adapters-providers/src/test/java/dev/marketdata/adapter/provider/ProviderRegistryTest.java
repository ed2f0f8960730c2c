package dev.marketdata.adapter.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marketdata.domain.failure.InvalidInput;
import dev.marketdata.domain.failure.ProviderUnavailable;
import dev.marketdata.domain.model.FetchedQuote;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.ProviderStatus;
import dev.marketdata.domain.model.Symbol;
import dev.marketdata.testsupport.MutableClock;
import java.time.Instant;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

class ProviderRegistryTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2025-11-06T15:30:00Z"));

  @Test
  void givenNoKeys_statuses_listKeyedProvidersAsUnavailableWithTheReason() {
    try (ProviderRegistry registry = ProviderRegistry.create(ProvidersConfig.defaults(), clock)) {
      assertThat(registry.defaultProvider()).isEqualTo(ProviderId.SIMULATED);
      assertThat(registry.statuses())
          .extracting(ProviderStatus::id, ProviderStatus::available)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(ProviderId.SIMULATED, true),
              org.assertj.core.groups.Tuple.tuple(ProviderId.FINNHUB, false),
              org.assertj.core.groups.Tuple.tuple(ProviderId.ALPHA_VANTAGE, false),
              org.assertj.core.groups.Tuple.tuple(ProviderId.YAHOO, true));
      assertThat(registry.statuses().get(1).unavailableReason())
          .contains("FINNHUB_API_KEY is not set");
      assertThat(registry.statuses().get(2).unavailableReason())
          .contains("ALPHA_VANTAGE_API_KEY is not set");
      assertThat(registry.statuses().get(2).limits()).hasSize(3);
    }
  }

  @Test
  void givenTwoRegistriesSharingBudgets_currentStatuses_countTheOthersCalls() throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.start();
      server.enqueue(
          new MockResponse.Builder()
              .setHeader("Content-Type", "application/json")
              .body(Bodies.text("finnhub/quote-aapl.json"))
              .build());
      ProvidersConfig config =
          ProvidersConfig.defaults()
              .withFinnhub(c -> c.withApiKey("fh-key").withBaseUrl(server.url("/")));
      OutboundLimits shared = OutboundLimits.inMemory(clock);
      try (ProviderRegistry first = ProviderRegistry.create(config, clock, shared);
          ProviderRegistry second = ProviderRegistry.create(config, clock, shared)) {
        Outcomes.value(first.get(ProviderId.FINNHUB).fetch(Symbol.of("AAPL")));
        assertThat(second.statuses().get(1).budget())
            .as("the last state the second registry saw: none yet, every permit")
            .extracting(b -> b.remaining())
            .containsExactly(60, 30);

        List<ProviderStatus> statuses = Outcomes.value(second.currentStatuses());

        assertThat(statuses)
            .extracting(ProviderStatus::id)
            .containsExactly(
                ProviderId.SIMULATED,
                ProviderId.FINNHUB,
                ProviderId.ALPHA_VANTAGE,
                ProviderId.YAHOO);
        assertThat(statuses.get(1).budget()).extracting(b -> b.remaining()).containsExactly(59, 29);
        assertThat(second.statuses().get(1).budget())
            .extracting(b -> b.remaining())
            .containsExactly(59, 29);
        assertThat(statuses.get(2).available()).isFalse();
      }
    }
  }

  @Test
  void givenEnabledProviderWithoutKey_get_failsNotConfiguredAndNeverSubstitutes() {
    try (ProviderRegistry registry = ProviderRegistry.create(ProvidersConfig.defaults(), clock)) {
      assertThatThrownBy(() -> registry.get(ProviderId.FINNHUB))
          .isInstanceOfSatisfying(
              ProviderUnavailable.class,
              e -> {
                assertThat(e.kind()).isEqualTo(ProviderUnavailable.Kind.NOT_CONFIGURED);
                assertThat(e.provider()).isEqualTo("finnhub");
                assertThat(e.getMessage()).contains("FINNHUB_API_KEY is not set");
              });
    }
  }

  @Test
  void givenProviderNotEnabled_get_failsWithInvalidInputOnProvider() {
    try (ProviderRegistry registry =
        ProviderRegistry.create(
            ProvidersConfig.defaults()
                .withEnabled(List.of(ProviderId.SIMULATED), ProviderId.SIMULATED),
            clock)) {
      assertThatThrownBy(() -> registry.get(ProviderId.YAHOO))
          .isInstanceOfSatisfying(
              InvalidInput.class, e -> assertThat(e.field()).isEqualTo("provider"));
      assertThatThrownBy(() -> registry.get(ProviderId.of("bloomberg")))
          .isInstanceOfSatisfying(
              InvalidInput.class, e -> assertThat(e.field()).isEqualTo("provider"));
      assertThatThrownBy(() -> registry.get(null)).isInstanceOf(InvalidInput.class);
      assertThat(registry.statuses())
          .extracting(ProviderStatus::id)
          .containsExactly(ProviderId.SIMULATED);
    }
  }

  @Test
  void givenKeysAndBaseUrl_get_returnsWorkingProvidersOfEachKind() throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.start();
      server.enqueue(
          new MockResponse.Builder()
              .setHeader("Content-Type", "application/json")
              .body(Bodies.text("finnhub/quote-aapl.json"))
              .build());
      try (ProviderRegistry registry =
          ProviderRegistry.create(
              ProvidersConfig.defaults()
                  .withFinnhub(c -> c.withApiKey("fh-key").withBaseUrl(server.url("/")))
                  .withAlphaVantage(c -> c.withApiKey("av-key")),
              clock)) {
        assertThat(registry.get(ProviderId.ALPHA_VANTAGE))
            .isInstanceOf(AlphaVantageQuoteProvider.class);
        assertThat(registry.get(ProviderId.YAHOO)).isInstanceOf(YahooQuoteProvider.class);
        assertThat(registry.get(ProviderId.SIMULATED)).isInstanceOf(SimulatedQuoteProvider.class);
        assertThat(registry.statuses()).allMatch(ProviderStatus::available);

        FetchedQuote fetched =
            Outcomes.value(registry.get(ProviderId.FINNHUB).fetch(Symbol.of("AAPL")));

        assertThat(fetched.quote().provider()).isEqualTo(ProviderId.FINNHUB);
        assertThat(server.takeRequest().getHeaders().get("X-Finnhub-Token")).isEqualTo("fh-key");
        assertThat(Outcomes.value(registry.get(ProviderId.FINNHUB).currentStatus()).budget())
            .extracting(b -> b.remaining())
            .containsExactly(59, 29);
      }
    }
  }

  @Test
  void givenClosedRegistry_fetch_failsAsUnavailableInsteadOfHanging() throws Exception {
    ProviderRegistry registry =
        ProviderRegistry.create(
            ProvidersConfig.defaults()
                .withYahoo(
                    c ->
                        c.withBaseUrl(HttpUrl.get("http://127.0.0.1:9/"))
                            .withRetry(
                                new RetryPolicy(
                                    1,
                                    RetryPolicy.DEFAULT.baseDelay(),
                                    RetryPolicy.DEFAULT.maxDelay()))),
            clock);
    registry.close();

    ProviderUnavailable failure =
        Outcomes.failure(
            registry.get(ProviderId.YAHOO).fetch(Symbol.of("AAPL")), ProviderUnavailable.class);

    assertThat(failure.kind()).isEqualTo(ProviderUnavailable.Kind.CONNECTION);
  }
}
