package dev.marketdata.application.fake;

import dev.marketdata.application.contract.MarketDataPorts;
import dev.marketdata.application.contract.PricePointRepositoryContract;

class InMemoryPricePointContractTest extends PricePointRepositoryContract {
  @Override
  protected MarketDataPorts emptyStore() {
    return InMemoryStores.empty();
  }
}
