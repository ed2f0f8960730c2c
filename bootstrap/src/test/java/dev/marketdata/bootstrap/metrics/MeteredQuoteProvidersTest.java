package dev.marketdata.bootstrap.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marketdata.domain.failure.SymbolNotFound;
import dev.marketdata.domain.model.FetchedQuote;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.ProviderStatus;
import dev.marketdata.domain.model.Symbol;
import dev.marketdata.domain.port.QuoteProvider;
import dev.marketdata.domain.port.QuoteProviders;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

class MeteredQuoteProvidersTest {
  /** Answers every symbol but MISSING with a failure-free null quote; MISSING is not found. */
  private static final QuoteProvider PROVIDER =
      new QuoteProvider() {
        @Override
        public ProviderId id() {
          return ProviderId.SIMULATED;
        }

        @Override
        public CompletionStage<FetchedQuote> fetch(Symbol symbol) {
          return symbol.value().equals("MISSING")
              ? CompletableFuture.failedFuture(new SymbolNotFound(symbol.value(), "simulated"))
              : CompletableFuture.completedFuture(null);
        }

        @Override
        public ProviderStatus status() {
          throw new UnsupportedOperationException();
        }
      };

  private static final QuoteProviders PROVIDERS =
      new QuoteProviders() {
        @Override
        public ProviderId defaultProvider() {
          return ProviderId.SIMULATED;
        }

        @Override
        public QuoteProvider get(ProviderId id) {
          return PROVIDER;
        }

        @Override
        public List<ProviderStatus> statuses() {
          return List.of();
        }
      };

  @Test
  void givenCallsOfEachOutcome_fetch_countsAndTimesEachOnce() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    QuoteProvider metered =
        new MeteredQuoteProviders(PROVIDERS, registry).get(ProviderId.SIMULATED);

    for (int i = 0; i < 3; i++) {
      metered.fetch(Symbol.of("AAPL"));
    }
    metered.fetch(Symbol.of("MISSING"));

    assertThat(calls(registry, "success")).isEqualTo(3.0);
    assertThat(calls(registry, "not_found")).isEqualTo(1.0);
    assertThat(registry.get("mds.provider.call").tag("provider", "simulated").timer().count())
        .isEqualTo(4);
  }

  private static double calls(SimpleMeterRegistry registry, String outcome) {
    return registry
        .get("mds.provider.calls")
        .tag("provider", "simulated")
        .tag("outcome", outcome)
        .counter()
        .count();
  }
}
