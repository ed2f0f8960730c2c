package dev.marketdata.application.provider;

import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.ProviderStatus;
import dev.marketdata.domain.port.QuoteProviders;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** Reports the configured providers as the registry sees them. */
public final class ListProvidersService implements ListProvidersUseCase {
  private final QuoteProviders providers;

  @Inject
  public ListProvidersService(QuoteProviders providers) {
    this.providers = providers;
  }

  @Override
  public CompletionStage<List<ProviderStatus>> list() {
    return providers.currentStatuses();
  }

  @Override
  public ProviderId defaultProvider() {
    return providers.defaultProvider();
  }
}
