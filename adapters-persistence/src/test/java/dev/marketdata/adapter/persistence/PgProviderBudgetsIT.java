package dev.marketdata.adapter.persistence;

import dev.marketdata.application.contract.ProviderBudgetsContract;
import dev.marketdata.domain.port.ProviderBudgets;
import java.time.Clock;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PgStoreExtension.class)
class PgProviderBudgetsIT extends ProviderBudgetsContract {
  private final PgTestStore store;

  PgProviderBudgetsIT(PgTestStore store) {
    this.store = store;
  }

  @Override
  protected ProviderBudgets budgets(Clock clock) {
    return new PgProviderBudgets(store.pool, clock);
  }
}
