package dev.marketdata.application.fake;

import dev.marketdata.application.contract.DailyBarRepositoryContract;
import dev.marketdata.domain.port.DailyBarRepository;

class InMemoryDailyBarContractTest extends DailyBarRepositoryContract {
  @Override
  protected DailyBarRepository emptyRepository() {
    return new InMemoryDailyBars();
  }
}
