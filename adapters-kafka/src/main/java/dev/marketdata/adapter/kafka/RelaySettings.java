package dev.marketdata.adapter.kafka;

import java.time.Duration;

/**
 * How the outbox relay loops.
 *
 * @param batchSize the relay use case's batch size: a batch this full means more rows wait
 * @param pollInterval the pause after a batch that was not full
 * @param backoff the retry delay after failures
 * @param idleMax the longest pause after steps in a row that found nothing: the pause doubles from
 *     {@code pollInterval} up to it; equal to {@code pollInterval}, an idle relay does not back off
 */
public record RelaySettings(
    int batchSize, Duration pollInterval, Backoff backoff, Duration idleMax) {
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
    if (idleMax == null || idleMax.compareTo(pollInterval) < 0) {
      throw new IllegalArgumentException(
          "relay.idleMax must be at least relay.pollInterval ("
              + pollInterval
              + "), was "
              + idleMax);
    }
  }

  /** Without idle backoff: every step that found nothing is followed after {@code pollInterval}. */
  public RelaySettings(int batchSize, Duration pollInterval, Backoff backoff) {
    this(batchSize, pollInterval, backoff, pollInterval);
  }

  public static RelaySettings defaults() {
    return new RelaySettings(100, Duration.ofMillis(200), Backoff.defaults());
  }

  /** The pause after {@code emptySteps} steps in a row (1 or more) that found nothing. */
  long idlePauseMillis(int emptySteps) {
    return new Backoff(pollInterval, idleMax).delayMillis(emptySteps);
  }
}
