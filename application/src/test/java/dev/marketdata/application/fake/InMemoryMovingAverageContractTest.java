package dev.marketdata.application.fake;

import dev.marketdata.application.contract.MovingAverageRepositoryContract;
import dev.marketdata.domain.port.MovingAverageRepository;

class InMemoryMovingAverageContractTest extends MovingAverageRepositoryContract {
  @Override
  protected MovingAverageRepository emptyRepository() {
    return new InMemoryMovingAverages();
  }
}
