package dev.marketdata.adapter.persistence;

import dev.marketdata.application.contract.MarketDataPorts;
import dev.marketdata.application.contract.StorageMaintenanceContract;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PgStoreExtension.class)
class PgStorageMaintenanceIT extends StorageMaintenanceContract {
  private final PgTestStore store;

  PgStorageMaintenanceIT(PgTestStore store) {
    this.store = store;
  }

  @Override
  protected MarketDataPorts emptyStore() {
    return store.emptyPorts();
  }
}
