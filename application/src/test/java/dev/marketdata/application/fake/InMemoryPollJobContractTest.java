package dev.marketdata.application.fake;

import dev.marketdata.application.contract.MarketDataPorts;
import dev.marketdata.application.contract.PollJobRepositoryContract;

class InMemoryPollJobContractTest extends PollJobRepositoryContract {
  @Override
  protected MarketDataPorts emptyStore() {
    return InMemoryStores.empty();
  }
}
