package dev.marketdata.application.fake;

import dev.marketdata.application.contract.MarketDataPorts;
import dev.marketdata.application.contract.MovingAverageRepositoryContract;

class InMemoryMovingAverageContractTest extends MovingAverageRepositoryContract {
  @Override
  protected MarketDataPorts emptyStore() {
    return InMemoryStores.empty();
  }
}
