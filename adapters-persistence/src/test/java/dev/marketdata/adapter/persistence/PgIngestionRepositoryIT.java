package dev.marketdata.adapter.persistence;

import dev.marketdata.application.contract.IngestionRepositoryContract;
import dev.marketdata.application.contract.MarketDataPorts;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PgStoreExtension.class)
class PgIngestionRepositoryIT extends IngestionRepositoryContract {
  private final PgTestStore store;

  PgIngestionRepositoryIT(PgTestStore store) {
    this.store = store;
  }

  @Override
  protected MarketDataPorts emptyStore() {
    return store.emptyPorts();
  }
}
