package dev.marketdata.adapter.persistence;

import dev.marketdata.application.contract.MarketDataPorts;
import dev.marketdata.application.contract.PollJobRepositoryContract;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PgStoreExtension.class)
class PgPollJobRepositoryIT extends PollJobRepositoryContract {
  private final PgTestStore store;

  PgPollJobRepositoryIT(PgTestStore store) {
    this.store = store;
  }

  @Override
  protected MarketDataPorts emptyStore() {
    return store.emptyPorts();
  }
}
