package dev.marketdata.adapter.persistence;

import dev.marketdata.application.contract.MovingAverageRepositoryContract;
import dev.marketdata.domain.port.MovingAverageRepository;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PgStoreExtension.class)
class PgMovingAverageRepositoryIT extends MovingAverageRepositoryContract {
  private final PgTestStore store;

  PgMovingAverageRepositoryIT(PgTestStore store) {
    this.store = store;
  }

  @Override
  protected MovingAverageRepository emptyRepository() {
    return store.emptyPorts().movingAverages();
  }
}
