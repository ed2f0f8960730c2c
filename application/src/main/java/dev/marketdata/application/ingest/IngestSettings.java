package dev.marketdata.application.ingest;

import dev.marketdata.domain.failure.InvalidInput;
import java.time.Duration;

/**
 * Bounds on single quotes waiting to be stored: at most {@code queueLimit} wait at once (more are
 * refused at once with {@link dev.marketdata.domain.failure.Overloaded}), and none waits longer
 * than {@code maxWait} for its transaction to start.
 */
public record IngestSettings(int queueLimit, Duration maxWait) {
  public static final int DEFAULT_QUEUE_LIMIT = 10_000;
  public static final Duration DEFAULT_MAX_WAIT = Duration.ofSeconds(5);

  public IngestSettings {
    if (queueLimit < 1) {
      throw new InvalidInput("queueLimit", queueLimit, "must be at least 1");
    }
    if (maxWait == null || maxWait.isZero() || maxWait.isNegative()) {
      throw new InvalidInput("maxWait", maxWait, "must be positive");
    }
  }

  public static IngestSettings defaults() {
    return new IngestSettings(DEFAULT_QUEUE_LIMIT, DEFAULT_MAX_WAIT);
  }
}
