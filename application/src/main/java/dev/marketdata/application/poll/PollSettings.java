package dev.marketdata.application.poll;

import dev.marketdata.domain.failure.InvalidInput;
import java.time.Duration;

/**
 * How the poll scheduler claims and runs jobs.
 *
 * @param owner this process's name on job leases; unique per replica
 * @param claimLimit most jobs leased by one tick
 * @param lease how long a claimed job stays ours; must outlast a tick
 * @param maxConcurrentFetches provider calls in flight at once within a tick
 * @param maxPacingWait a call our own budget refuses is retried within the tick when the budget
 *     frees up within this long (so Alpha Vantage's 1 call a second paces a multi-symbol job)
 * @param ingestBatchSize fetched quotes stored per transaction
 */
public record PollSettings(
    String owner,
    int claimLimit,
    Duration lease,
    int maxConcurrentFetches,
    Duration maxPacingWait,
    int ingestBatchSize) {
  public PollSettings {
    if (owner == null || owner.isBlank()) {
      throw new InvalidInput("owner", owner, "must name this process");
    }
    if (claimLimit < 1) {
      throw new InvalidInput("claimLimit", claimLimit, "must be at least 1");
    }
    if (lease == null || lease.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new InvalidInput("lease", lease, "must be at least 1 second");
    }
    if (maxConcurrentFetches < 1) {
      throw new InvalidInput("maxConcurrentFetches", maxConcurrentFetches, "must be at least 1");
    }
    if (maxPacingWait == null || maxPacingWait.isNegative()) {
      throw new InvalidInput("maxPacingWait", maxPacingWait, "must be zero or positive");
    }
    if (ingestBatchSize < 1) {
      throw new InvalidInput("ingestBatchSize", ingestBatchSize, "must be at least 1");
    }
  }

  public static PollSettings defaults(String owner) {
    return new PollSettings(owner, 500, Duration.ofSeconds(60), 32, Duration.ofSeconds(3), 200);
  }
}
