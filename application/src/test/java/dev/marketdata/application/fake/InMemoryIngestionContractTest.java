package dev.marketdata.application.fake;

import dev.marketdata.application.contract.IngestionRepositoryContract;
import dev.marketdata.application.contract.MarketDataPorts;

class InMemoryIngestionContractTest extends IngestionRepositoryContract {
  @Override
  protected MarketDataPorts emptyStore() {
    return InMemoryStores.empty();
  }
}
