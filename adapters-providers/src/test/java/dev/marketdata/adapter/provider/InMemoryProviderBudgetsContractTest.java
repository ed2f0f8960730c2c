package dev.marketdata.adapter.provider;

import dev.marketdata.application.contract.ProviderBudgetsContract;
import dev.marketdata.domain.port.ProviderBudgets;
import java.time.Clock;

class InMemoryProviderBudgetsContractTest extends ProviderBudgetsContract {
  @Override
  protected ProviderBudgets budgets(Clock clock) {
    return new InMemoryProviderBudgets(clock);
  }
}
