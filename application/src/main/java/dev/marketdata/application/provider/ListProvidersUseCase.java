package dev.marketdata.application.provider;

import dev.marketdata.domain.model.ProviderStatus;
import java.util.List;

/** The configured providers: enabled, available or why not, budget left. */
public interface ListProvidersUseCase {
  List<ProviderStatus> list();

  /** The provider used when a request names none. */
  dev.marketdata.domain.model.ProviderId defaultProvider();
}
