package dev.marketdata.adapter.persistence;

import dev.marketdata.application.contract.MarketDataPorts;
import dev.marketdata.application.contract.PricePointRepositoryContract;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PgStoreExtension.class)
class PgPricePointRepositoryIT extends PricePointRepositoryContract {
  private final PgTestStore store;

  PgPricePointRepositoryIT(PgTestStore store) {
    this.store = store;
  }

  @Override
  protected MarketDataPorts emptyStore() {
    return store.emptyPorts();
  }
}
