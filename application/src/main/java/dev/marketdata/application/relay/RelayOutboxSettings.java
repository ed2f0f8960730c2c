package dev.marketdata.application.relay;

import dev.marketdata.domain.failure.InvalidInput;
import java.time.Duration;

/**
 * One relay's step: how many outbox rows it reads and publishes at most; how long its lease on an
 * outbox lasts unless renewed (after that, a follower takes a dead leader's place); and the name it
 * leads under, distinct per relay replica.
 */
public record RelayOutboxSettings(int batchSize, Duration lease, String owner) {
  public RelayOutboxSettings {
    if (batchSize < 1) {
      throw new InvalidInput("batchSize", batchSize, "must be at least 1");
    }
    if (lease == null || lease.toMillis() < 1) {
      throw new InvalidInput("lease", lease, "must be at least 1 ms");
    }
    if (owner == null || owner.isBlank()) {
      throw new InvalidInput("owner", owner, "must not be blank");
    }
  }
}
