package dev.marketdata.adapter.persistence;

import dev.marketdata.application.contract.MarketDataPorts;
import dev.marketdata.application.contract.OutboxContract;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PgStoreExtension.class)
class PgOutboxIT extends OutboxContract {
  private final PgTestStore store;

  PgOutboxIT(PgTestStore store) {
    this.store = store;
  }

  @Override
  protected MarketDataPorts emptyStore() {
    return store.emptyPorts();
  }
}
