package dev.marketdata.adapter.provider;

import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.port.ProviderThrottles;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The providers' throttles as this process heard them. Other replicas learn of a throttle only by
 * being throttled themselves; a shared implementation of {@link ProviderThrottles} would change
 * that without touching the providers.
 */
public final class InMemoryProviderThrottles implements ProviderThrottles {
  private final ConcurrentMap<ProviderId, Instant> until = new ConcurrentHashMap<>();

  @Override
  public void throttledUntil(ProviderId provider, Instant time) {
    until.merge(provider, time, (a, b) -> a.isAfter(b) ? a : b);
  }

  @Override
  public Optional<Instant> blockedUntil(ProviderId provider, Instant now) {
    return Optional.ofNullable(until.get(provider)).filter(t -> t.isAfter(now));
  }
}
