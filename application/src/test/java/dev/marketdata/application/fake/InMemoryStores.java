package dev.marketdata.application.fake;

import dev.marketdata.application.contract.MarketDataPorts;
import dev.marketdata.domain.quality.QualityRules;

/** Fresh in-memory stores behind every storage port, for application tests. */
public final class InMemoryStores {
  private InMemoryStores() {}

  public static MarketDataPorts empty() {
    return empty(QualityRules.defaults());
  }

  /** Stores that judge fetched quotes by {@code rules} (ADR 0014). */
  public static MarketDataPorts empty(QualityRules rules) {
    InMemoryMarketDataStore store = new InMemoryMarketDataStore(java.time.Clock.systemUTC(), rules);
    return new MarketDataPorts(
        store, store, store, new InMemoryMovingAverages(), new InMemoryPollJobs(), store, store);
  }
}
