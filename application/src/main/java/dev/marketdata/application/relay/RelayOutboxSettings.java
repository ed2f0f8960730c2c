package dev.marketdata.application.relay;

import dev.marketdata.domain.failure.InvalidInput;

/** How many outbox rows one relay step reads, publishes and marks. */
public record RelayOutboxSettings(int batchSize) {
  public RelayOutboxSettings {
    if (batchSize < 1) {
      throw new InvalidInput("batchSize", batchSize, "must be at least 1");
    }
  }
}
