package dev.marketdata.application.fake;

import dev.marketdata.application.contract.MarketDataPorts;
import dev.marketdata.application.contract.StorageMaintenanceContract;

class InMemoryStorageMaintenanceContractTest extends StorageMaintenanceContract {
  @Override
  protected MarketDataPorts emptyStore() {
    return InMemoryStores.empty();
  }
}
