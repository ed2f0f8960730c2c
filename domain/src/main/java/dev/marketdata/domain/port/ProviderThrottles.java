package dev.marketdata.domain.port;

import dev.marketdata.domain.model.ProviderId;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * What the providers said about their own limits: once a provider has throttled us (HTTP 429, Alpha
 * Vantage's limit notice), no call is sent to it until the wait it asked for has passed, so we do
 * not spend its quota, or our standing with it, on calls it will refuse. Answers come from memory,
 * so it can be asked before every call; an implementation shared by every replica keeps such a copy
 * in step with the others.
 */
public interface ProviderThrottles {
  /**
   * Records that {@code provider} asked for no call before {@code until}; a later time wins. This
   * process holds its calls at once; the stage completes once every replica would see it too, and
   * fails when that could not be done (this process still holds them).
   */
  CompletionStage<Void> throttledUntil(ProviderId provider, Instant until);

  /** The time before which {@code provider} must not be called, when that is after {@code now}. */
  Optional<Instant> blockedUntil(ProviderId provider, Instant now);
}
