package dev.marketdata.domain.port;

import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.ProviderStatus;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** The configured providers: which exist, which one is the default, how each is doing. */
public interface QuoteProviders {
  ProviderId defaultProvider();

  /**
   * The provider with this id. Fails with {@code InvalidInput} on field {@code provider} when no
   * such provider is enabled, and with {@code ProviderUnavailable} (kind NOT_CONFIGURED) when it is
   * enabled but cannot be used (a key is missing); never substitutes another provider.
   */
  QuoteProvider get(ProviderId id);

  /**
   * Each enabled provider's status as this process last saw it (see {@link #currentStatuses()}).
   */
  List<ProviderStatus> statuses();

  /**
   * Each enabled provider's {@link QuoteProvider#currentStatus() current status}, in the order of
   * {@link #statuses()}. By default {@link #statuses()}.
   */
  default CompletionStage<List<ProviderStatus>> currentStatuses() {
    return CompletableFuture.completedFuture(statuses());
  }
}
