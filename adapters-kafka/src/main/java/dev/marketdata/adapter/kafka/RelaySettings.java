package dev.marketdata.adapter.kafka;

import java.time.Duration;

/**
 * How the outbox relay loops.
 *
 * @param batchSize the relay use case's batch size: a batch this full means more rows wait
 * @param pollInterval the pause after a batch that was not full
 */
public record RelaySettings(int batchSize, Duration pollInterval, Backoff backoff) {
  public RelaySettings {
    if (batchSize < 1) {
      throw new IllegalArgumentException("relay.batchSize must be at least 1, was " + batchSize);
    }
    if (pollInterval == null || pollInterval.isNegative() || pollInterval.isZero()) {
      throw new IllegalArgumentException(
          "relay.pollInterval must be a positive duration, was " + pollInterval);
    }
    if (backoff == null) {
      throw new IllegalArgumentException("relay.backoff is required");
    }
  }

  public static RelaySettings defaults() {
    return new RelaySettings(100, Duration.ofMillis(200), Backoff.defaults());
  }
}
