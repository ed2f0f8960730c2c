package dev.marketdata.adapter.provider;

import dev.marketdata.domain.failure.ProviderThrottled;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.port.ProviderThrottles;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Keeps our calls away from one provider while the wait it asked for lasts (a 429's Retry-After,
 * Alpha Vantage's limit notice): a call it would refuse only spends its quota and our standing.
 */
final class ThrottleGate {
  private final ProviderId provider;
  private final ProviderThrottles throttles;
  private final Clock clock;

  ThrottleGate(ProviderId provider, ProviderThrottles throttles, Clock clock) {
    this.provider = provider;
    this.throttles = throttles;
    this.clock = clock;
  }

  /** Fails with {@link ProviderThrottled}, sending nothing, while the provider's wait lasts. */
  void check() {
    Instant now = clock.instant();
    Optional<Instant> until = throttles.blockedUntil(provider, now);
    if (until.isPresent()) {
      throw new ProviderThrottled(
          provider.value(),
          roundUpToSeconds(Duration.between(now, until.get())),
          false,
          "it asked for no calls before " + until.get() + "; none was sent");
    }
  }

  /**
   * Hears every failed attempt; the provider's own throttle closes the gate for its wait. Completes
   * once the throttle is recorded where every replica sees it, or could not be (it is still held
   * here, and the store said why): never with a failure, so the provider's answer stays the one
   * reported.
   */
  CompletionStage<Void> observe(Throwable failure) {
    if (failure instanceof ProviderThrottled t && !t.localBudget() && !t.retryAfter().isZero()) {
      return throttles
          .throttledUntil(provider, clock.instant().plus(t.retryAfter()))
          .exceptionally(notShared -> null);
    }
    return CompletableFuture.completedFuture(null);
  }

  /** When the gate opens again, if it is closed now. */
  Optional<Instant> closedUntil() {
    return throttles.blockedUntil(provider, clock.instant());
  }

  /** Whole seconds, as Retry-After speaks, so a caller that waits them finds the gate open. */
  private static Duration roundUpToSeconds(Duration wait) {
    long seconds = wait.getSeconds() + (wait.getNano() > 0 ? 1 : 0);
    return Duration.ofSeconds(Math.max(1, seconds));
  }
}
