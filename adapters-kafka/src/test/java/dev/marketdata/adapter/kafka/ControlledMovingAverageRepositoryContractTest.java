package dev.marketdata.adapter.kafka;

import dev.marketdata.application.contract.MovingAverageRepositoryContract;
import dev.marketdata.domain.port.MovingAverageRepository;

/** The consumer tests' repository keeps the port's promises whenever it is not told to fail. */
class ControlledMovingAverageRepositoryContractTest extends MovingAverageRepositoryContract {
  @Override
  protected MovingAverageRepository emptyRepository() {
    return new ControlledMovingAverageRepository();
  }
}
