package dev.marketdata.bootstrap.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marketdata.domain.model.ProviderId;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class MeteredQualityTest {
  @Test
  void givenStalePricesServedAgainAndAgain_eachIsCountedWithoutAskingTheRegistryAgain() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    MeteredQuality metered = new MeteredQuality(registry);
    metered.staleServed(ProviderId.SIMULATED);
    Counter first = registry.get("mds.stale.prices.served").tag("provider", "simulated").counter();

    // Taken out of the registry: an observer that asked the registry per event would register a
    // new counter now; one that kept its counter goes on counting on it.
    registry.remove(first);
    for (int i = 0; i < 99; i++) {
      metered.staleServed(ProviderId.SIMULATED);
    }

    assertThat(first.count()).isEqualTo(100.0);
    assertThat(registry.find("mds.stale.prices.served").counters()).isEmpty();
    metered.staleServed(ProviderId.FINNHUB);
    assertThat(registry.get("mds.stale.prices.served").tag("provider", "finnhub").counter().count())
        .isEqualTo(1.0);
  }

  @Test
  void duplicatesAndSuspects_areCountedPerProviderApart() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    MeteredQuality metered = new MeteredQuality(registry);

    metered.duplicate(ProviderId.YAHOO);
    metered.duplicate(ProviderId.YAHOO);
    metered.suspect(ProviderId.YAHOO);

    assertThat(registry.get("mds.duplicate.quotes").tag("provider", "yahoo").counter().count())
        .isEqualTo(2.0);
    assertThat(registry.get("mds.suspect.prices").tag("provider", "yahoo").counter().count())
        .isEqualTo(1.0);
  }
}
