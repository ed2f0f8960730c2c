package dev.marketdata.application.fake;

import dev.marketdata.application.contract.MarketDataPorts;
import dev.marketdata.application.contract.RawResponseRepositoryContract;

class InMemoryRawResponseContractTest extends RawResponseRepositoryContract {
  @Override
  protected MarketDataPorts emptyStore() {
    return InMemoryStores.empty();
  }
}
