package dev.marketdata.application.relay;

import java.util.concurrent.CompletionStage;

/**
 * Publishes the outbox's events in id order from its stored position, while this relay leads it
 * (ADR 0016).
 */
public interface RelayOutboxUseCase {
  /**
   * One step: as leader, publishes the waiting events that are final and moves the position past
   * them; as follower, tries to take the lease and publishes nothing.
   */
  CompletionStage<RelayStep> relayBatch();

  /** Gives this relay's lease up so another relay leads at once (graceful stop). */
  CompletionStage<Void> resign();
}
