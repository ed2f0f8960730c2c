package dev.marketdata.application.fake;

import dev.marketdata.application.contract.MarketDataPorts;

/** Fresh in-memory stores behind every storage port, for application tests. */
public final class InMemoryStores {
  private InMemoryStores() {}

  public static MarketDataPorts empty() {
    InMemoryMarketDataStore store = new InMemoryMarketDataStore();
    return new MarketDataPorts(
        store, store, store, new InMemoryMovingAverages(), new InMemoryPollJobs(), store, store);
  }
}
