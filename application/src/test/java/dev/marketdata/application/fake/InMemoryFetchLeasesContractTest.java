package dev.marketdata.application.fake;

import dev.marketdata.application.contract.FetchLeasesContract;
import dev.marketdata.domain.port.FetchLeases;
import java.time.Clock;

class InMemoryFetchLeasesContractTest extends FetchLeasesContract {
  @Override
  protected FetchLeases emptyLeases() {
    return new InMemoryFetchLeases(Clock.systemUTC());
  }
}
