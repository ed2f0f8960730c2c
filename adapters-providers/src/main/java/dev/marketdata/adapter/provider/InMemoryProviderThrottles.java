package dev.marketdata.adapter.provider;

import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.port.ProviderThrottles;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The providers' throttles as this process heard them, for a single instance or a test. Other
 * processes learn nothing of them; the service uses the shared implementation in the persistence
 * adapter, which every replica reads.
 */
public final class InMemoryProviderThrottles implements ProviderThrottles {
  private final ConcurrentMap<ProviderId, Instant> until = new ConcurrentHashMap<>();

  @Override
  public CompletionStage<Void> throttledUntil(ProviderId provider, Instant time) {
    until.merge(provider, time, (a, b) -> a.isAfter(b) ? a : b);
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public Optional<Instant> blockedUntil(ProviderId provider, Instant now) {
    return Optional.ofNullable(until.get(provider)).filter(t -> t.isAfter(now));
  }
}
