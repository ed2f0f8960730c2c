package dev.marketdata.bootstrap.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marketdata.domain.model.ProviderId;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class MeteredLatestPriceTest {
  @Test
  void givenFallbacks_counter_countsEachPairApart() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    MeteredLatestPrice metered = new MeteredLatestPrice(registry);

    metered.fellBack(ProviderId.FINNHUB, ProviderId.YAHOO);
    metered.fellBack(ProviderId.FINNHUB, ProviderId.YAHOO);
    metered.fellBack(ProviderId.YAHOO, ProviderId.SIMULATED);

    assertThat(
            registry
                .get("mds.provider.fallbacks")
                .tag("from", "finnhub")
                .tag("to", "yahoo")
                .counter()
                .count())
        .isEqualTo(2.0);
    assertThat(
            registry
                .get("mds.provider.fallbacks")
                .tag("from", "yahoo")
                .tag("to", "simulated")
                .counter()
                .count())
        .isEqualTo(1.0);
  }
}
