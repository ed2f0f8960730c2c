package dev.marketdata.application.price;

import dev.marketdata.domain.failure.InvalidInput;
import dev.marketdata.domain.model.ProviderId;
import java.util.List;

/**
 * The providers a latest-price request without {@code provider} falls back to, in order, after the
 * default provider ({@code MDS_FALLBACK_PROVIDERS}); empty means no fallback, the default provider
 * alone. Never filled in by the service itself: {@code simulated} is in it only when the operator
 * wrote it there.
 */
public record FallbackSettings(List<ProviderId> fallbackProviders) {
  public FallbackSettings {
    fallbackProviders = List.copyOf(fallbackProviders);
    if (fallbackProviders.stream().distinct().count() != fallbackProviders.size()) {
      throw new InvalidInput("fallbackProviders", fallbackProviders, "must not repeat a provider");
    }
  }

  /** No fallback: the default provider alone, as before fallback existed. */
  public static FallbackSettings none() {
    return new FallbackSettings(List.of());
  }
}
