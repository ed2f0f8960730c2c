package dev.marketdata.application.fake;

import dev.marketdata.application.contract.MarketDataPorts;
import dev.marketdata.application.contract.OutboxContract;

class InMemoryOutboxContractTest extends OutboxContract {
  @Override
  protected MarketDataPorts emptyStore() {
    return InMemoryStores.empty();
  }
}
