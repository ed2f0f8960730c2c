package dev.marketdata.adapter.persistence;

import dev.marketdata.application.contract.MarketDataPorts;
import dev.marketdata.application.contract.RawResponseRepositoryContract;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PgStoreExtension.class)
class PgRawResponseRepositoryIT extends RawResponseRepositoryContract {
  private final PgTestStore store;

  PgRawResponseRepositoryIT(PgTestStore store) {
    this.store = store;
  }

  @Override
  protected MarketDataPorts emptyStore() {
    return store.emptyPorts();
  }
}
