package dev.marketdata.application.poll;

import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.port.QuoteProvider;

/**
 * One provider of a job's chain as a run sees it: usable with its {@link ProviderLane}, or not
 * (disabled or missing its key since the job started), with the failure every call to it meets.
 */
record ProviderHop(
    ProviderId id, QuoteProvider provider, RuntimeException unusable, ProviderLane lane) {
  static ProviderHop usable(ProviderId id, QuoteProvider provider, ProviderLane lane) {
    return new ProviderHop(id, provider, null, lane);
  }

  static ProviderHop unusable(ProviderId id, RuntimeException why) {
    return new ProviderHop(id, null, why, null);
  }

  boolean isUsable() {
    return provider != null;
  }
}
