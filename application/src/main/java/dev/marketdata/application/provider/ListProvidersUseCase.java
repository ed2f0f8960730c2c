package dev.marketdata.application.provider;

import dev.marketdata.domain.model.ProviderStatus;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * The configured providers: enabled, available or why not, and the budget left, which with a shared
 * budget is what every replica together has left.
 */
public interface ListProvidersUseCase {
  CompletionStage<List<ProviderStatus>> list();

  /** The provider used when a request names none. */
  dev.marketdata.domain.model.ProviderId defaultProvider();
}
