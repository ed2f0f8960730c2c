package dev.marketdata.application.backfill;

import dev.marketdata.domain.failure.InvalidInput;
import java.time.Duration;

/**
 * How the poller runs backfill jobs.
 *
 * @param owner this process's name on job leases; unique per replica
 * @param claimLimit most jobs leased by one pass
 * @param lease how long a claimed job stays ours; renewed after each symbol, so it must outlast one
 *     provider call with its retries
 * @param retryDelay how long a job waits after a failure of our own (the database) before it is
 *     taken up again
 */
public record BackfillSettings(String owner, int claimLimit, Duration lease, Duration retryDelay) {
  public BackfillSettings {
    if (owner == null || owner.isBlank()) {
      throw new InvalidInput("owner", owner, "must name this process");
    }
    if (claimLimit < 1) {
      throw new InvalidInput("claimLimit", claimLimit, "must be at least 1");
    }
    if (lease == null || lease.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new InvalidInput("lease", lease, "must be at least 1 second");
    }
    if (retryDelay == null || retryDelay.isNegative()) {
      throw new InvalidInput("retryDelay", retryDelay, "must be zero or positive");
    }
  }

  public static BackfillSettings defaults(String owner) {
    return new BackfillSettings(owner, 4, Duration.ofSeconds(60), Duration.ofSeconds(5));
  }
}
