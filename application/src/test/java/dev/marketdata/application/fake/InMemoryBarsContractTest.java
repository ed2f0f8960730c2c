package dev.marketdata.application.fake;

import dev.marketdata.application.contract.BarRepositoryContract;
import dev.marketdata.application.contract.MarketDataPorts;
import dev.marketdata.domain.port.BarRepository;
import java.time.Clock;

class InMemoryBarsContractTest extends BarRepositoryContract {
  @Override
  protected MarketDataPorts emptyStore() {
    return InMemoryStores.empty(NO_OUTLIERS);
  }

  @Override
  protected BarRepository bars(MarketDataPorts ports, Clock clock) {
    return new InMemoryBars(ports.pricePoints(), clock);
  }
}
